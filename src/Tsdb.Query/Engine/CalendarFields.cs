namespace Tsdb.Query.Engine;

/// <summary>
/// UTC calendar fields of a Unix time in seconds, computed the way Go's time package does: on an unsigned count
/// of seconds since an absolute zero year, with wrapping 64-bit arithmetic. For ordinary times this is the
/// proleptic Gregorian calendar; for extreme inputs (NaN and infinities become the smallest int64) it gives the
/// same wrapped answers Prometheus gives.
/// </summary>
internal static class CalendarFields
{
    private const long UnixToAbsolute = 9_223_372_028_715_321_600;
    private const long AbsoluteZeroYear = -292_277_022_399;
    private const ulong SecondsPerDay = 86_400;
    private const ulong DaysPer400Years = 365 * 400 + 97;
    private const ulong DaysPer100Years = 365 * 100 + 24;
    private const ulong DaysPer4Years = 365 * 4 + 1;

    /// <summary>Days before the start of each month in a non-leap year; index 12 is the year's length.</summary>
    private static readonly int[] DaysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    public static Func<long, double> Get(string name) => name switch
    {
        "minute" => static s => Absolute(s) % 3600 / 60,
        "hour" => static s => Absolute(s) % SecondsPerDay / 3600,
        // The absolute zero is a Monday.
        "day_of_week" => static s => (Absolute(s) + SecondsPerDay) % (7 * SecondsPerDay) / SecondsPerDay,
        "day_of_month" => static s => Date(s).Day,
        "day_of_year" => static s => Date(s).YearDay + 1,
        "days_in_month" => static s => { var d = Date(s); return DaysInMonth(d.Year, d.Month); },
        "month" => static s => Date(s).Month,
        "year" => static s => Date(s).Year,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static ulong Absolute(long unixSeconds) => unchecked((ulong)(unixSeconds + UnixToAbsolute));

    /// <summary>Year, month (1-12), day of month (1-31) and zero-based day of year of a Unix time.</summary>
    private static (long Year, int Month, int Day, int YearDay) Date(long unixSeconds)
    {
        ulong d = Absolute(unixSeconds) / SecondsPerDay;
        ulong n = d / DaysPer400Years;
        ulong y = 400 * n;
        d -= DaysPer400Years * n;

        n = d / DaysPer100Years;
        n -= n >> 2;
        y += 100 * n;
        d -= DaysPer100Years * n;

        n = d / DaysPer4Years;
        y += 4 * n;
        d -= DaysPer4Years * n;

        n = d / 365;
        n -= n >> 2;
        y += n;
        d -= 365 * n;

        long year = unchecked((long)y + AbsoluteZeroYear);
        int yearDay = (int)d;
        int day = yearDay;
        if (IsLeap(year))
        {
            if (day == 31 + 29 - 1) return (year, 2, 29, yearDay);
            if (day > 31 + 29 - 1) day--;
        }
        // Estimating with 31-day months is at most one month low.
        int month = day / 31;
        int begin;
        if (day >= DaysBefore[month + 1])
        {
            begin = DaysBefore[month + 1];
            month++;
        }
        else
        {
            begin = DaysBefore[month];
        }
        return (year, month + 1, day - begin + 1, yearDay);
    }

    private static bool IsLeap(long y) => y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);

    private static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
