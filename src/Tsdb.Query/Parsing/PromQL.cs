namespace Tsdb.Query.Parsing;

/// <summary>Entry points of the PromQL front end.</summary>
public static class PromQL
{
    /// <summary>Parses and type-checks a query; throws <see cref="PromQLParseException"/> with Prometheus's message.</summary>
    public static Expr Parse(string query) => Parser.Parse(query);

    /// <summary>Parses a query and renders it in canonical single-line form (what <c>/api/v1/format_query</c> returns).</summary>
    public static string Format(string query) => Printer.Print(Parse(query));
}
