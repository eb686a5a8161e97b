namespace Tsdb.Scrape.Parsing;

/// <summary>What <see cref="ExpositionParser.Next"/> found.</summary>
public enum EntryKind
{
    /// <summary>A sample: series identity, value, optional timestamp and (OpenMetrics) exemplar.</summary>
    Series,
    /// <summary>A <c># HELP name text</c> line.</summary>
    Help,
    /// <summary>A <c># TYPE name type</c> line.</summary>
    Type,
    /// <summary>A <c># UNIT name unit</c> line (OpenMetrics only).</summary>
    Unit,
    /// <summary>Any other <c>#</c> line (Prometheus text format only).</summary>
    Comment,
    /// <summary>The end of the exposition; for OpenMetrics, the <c># EOF</c> marker was seen and nothing followed it.</summary>
    Eof,
}
