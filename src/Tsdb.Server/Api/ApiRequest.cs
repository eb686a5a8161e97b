using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Server.Api;

/// <summary>
/// The parameters of an API request, read like Go's <c>r.FormValue</c>: a form body (POST with
/// <c>application/x-www-form-urlencoded</c>) first, then the URL query; parsed with Prometheus's rules and error texts.
/// </summary>
public sealed partial class ApiRequest
{
    /// <summary>The earliest time a series or labels request covers when no start is given (Prometheus's minTime, in ms).</summary>
    public const long MinTime = (long.MinValue / 1000 + 62135596801) * 1000;

    /// <summary>The latest time covered when no end is given (Prometheus's maxTime, in ms).</summary>
    public const long MaxTime = (long.MaxValue / 1000 - 62135596801) * 1000 + 999;

    // How Go's time.Format writes minTime and maxTime with RFC3339Nano; clients send them back.
    private const string MinTimeFormatted = "-292273086-05-16T16:47:06Z";
    private const string MaxTimeFormatted = "292277025-08-18T07:12:54.999999999Z";

    private readonly IQueryCollection _query;
    private readonly IFormCollection? _form;

    private ApiRequest(IQueryCollection query, IFormCollection? form)
    {
        _query = query;
        _form = form;
    }

    public static async Task<ApiRequest> ReadAsync(HttpRequest request)
    {
        IFormCollection? form = null;
        if (request.HasFormContentType) form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return new ApiRequest(request.Query, form);
    }

    /// <summary>The first value of a parameter, or "" when absent (as Go's FormValue).</summary>
    public string Get(string name)
    {
        if (_form is not null && _form.TryGetValue(name, out var fromForm) && fromForm.Count > 0) return fromForm[0] ?? "";
        return _query.TryGetValue(name, out var fromQuery) && fromQuery.Count > 0 ? fromQuery[0] ?? "" : "";
    }

    /// <summary>All values of a repeated parameter (<c>match[]</c>), from the body and then the URL.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var all = new List<string>();
        if (_form is not null && _form.TryGetValue(name, out var fromForm)) Add(all, fromForm);
        if (_query.TryGetValue(name, out var fromQuery)) Add(all, fromQuery);
        return all;

        static void Add(List<string> list, StringValues values)
        {
            foreach (var v in values) list.Add(v ?? "");
        }
    }

    /// <summary>
    /// A time parameter of the series and labels endpoints and of instant queries; absent means
    /// <paramref name="defaultMs"/>. Errors read <c>invalid parameter "x": Invalid time value for 'x': ...</c>.
    /// </summary>
    public long TimeParam(string name, long defaultMs)
    {
        var text = Get(name);
        if (text.Length == 0) return defaultMs;
        if (TryParseTime(text, out long ms)) return ms;
        throw new ApiException(ApiError.InvalidParameter(name, $"Invalid time value for '{name}': {CannotParseTime(text)}"));
    }

    /// <summary>The required start and end of a range query; errors read <c>invalid parameter "start": cannot parse ...</c>.</summary>
    public long RequiredTime(string name)
    {
        var text = Get(name);
        if (TryParseTime(text, out long ms)) return ms;
        throw new ApiException(ApiError.InvalidParameter(name, CannotParseTime(text)));
    }

    /// <summary>A duration parameter (Prometheus duration or float seconds), null when absent.</summary>
    public TimeSpan? DurationParam(string name)
    {
        var text = Get(name);
        if (text.Length == 0) return null;
        if (TryParseDuration(text, out var duration, out var error)) return duration;
        throw new ApiException(ApiError.InvalidParameter(name, error));
    }

    /// <summary>Parses Prometheus's API times: float unix seconds (rounded to the millisecond) or RFC 3339 with any fraction.</summary>
    public static bool TryParseTime(string text, out long milliseconds)
    {
        milliseconds = 0;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds))
        {
            double whole = Math.Truncate(seconds);
            double fraction = Math.Round((seconds - whole) * 1000);
            if (Math.Abs(whole) > long.MaxValue / 1000 - 1) return false;
            milliseconds = (long)whole * 1000 + (long)fraction;
            return true;
        }
        switch (text)
        {
            case MinTimeFormatted:
                milliseconds = MinTime;
                return true;
            case MaxTimeFormatted:
                milliseconds = MaxTime;
                return true;
        }
        var m = Rfc3339().Match(text);
        if (!m.Success) return false;
        try
        {
            var offset = m.Groups["zone"].Value is "Z" or "z"
                ? TimeSpan.Zero
                : TimeSpan.ParseExact(m.Groups["zone"].Value[1..], "hh\\:mm", CultureInfo.InvariantCulture)
                    * (m.Groups["zone"].Value[0] == '-' ? -1 : 1);
            var at = new DateTimeOffset(Int(m, "y"), Int(m, "mo"), Int(m, "d"), Int(m, "h"), Int(m, "mi"), Int(m, "s"), offset);
            var fraction = m.Groups["frac"].Value;
            // Go keeps nanoseconds and the storage truncates them to milliseconds.
            int ms = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(3, '0')[..3], CultureInfo.InvariantCulture);
            milliseconds = at.ToUnixTimeMilliseconds() + ms;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }

        static int Int(Match m, string group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a duration as float seconds or a Prometheus duration (<c>1h30m</c>); the error is Prometheus's.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration, out string error)
    {
        error = "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && !double.IsNaN(seconds))
        {
            double nanoseconds = seconds * 1e9;
            if (nanoseconds > long.MaxValue || nanoseconds < long.MinValue)
            {
                duration = TimeSpan.Zero;
                error = $"cannot parse \"{text}\" to a valid duration. It overflows int64";
                return false;
            }
            duration = TimeSpan.FromTicks((long)(nanoseconds / 100));
            return true;
        }
        if (Durations.TryParse(text, out duration, out _)) return true;
        error = $"cannot parse \"{text}\" to a valid duration";
        return false;
    }

    /// <summary>
    /// The <c>match[]</c> selectors, each a set of matchers; a selector must have a matcher that does not
    /// match the empty string, as in Prometheus. Throws with the parser's message.
    /// </summary>
    public static List<Matcher[]> ParseMatchers(IReadOnlyList<string> selectors)
    {
        var sets = new List<Matcher[]>(selectors.Count);
        foreach (var selector in selectors)
        {
            Expr expr;
            try
            {
                expr = PromQL.Parse(selector);
            }
            catch (PromQLParseException e) when (e.Reason != NoNonEmptyMatcher)
            {
                throw new ApiException(ApiError.BadData(e.Message));
            }
            catch (PromQLParseException)
            {
                // Prometheus's selector parser leaves this check to the API, which words it for match[].
                throw new ApiException(ApiError.BadData("match[] must contain at least one non-empty matcher"));
            }
            if (expr is not VectorSelector vs)
                throw new ApiException(ApiError.BadData($"1:1: parse error: unexpected expression, expected a series selector"));
            if (vs.Matchers.All(m => m.MatchesEmpty))
                throw new ApiException(ApiError.BadData("match[] must contain at least one non-empty matcher"));
            sets.Add([.. vs.Matchers]);
        }
        return sets;
    }

    private const string NoNonEmptyMatcher = "vector selector must contain at least one non-empty matcher";

    private static string CannotParseTime(string text) => $"cannot parse \"{text}\" to a valid timestamp";

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt](?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(?:\.(?<frac>\d{1,9}))?(?<zone>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
