namespace Tsdb.Query.Parsing;

/// <summary>How the two sides of a vector/vector binary operation pair their series.</summary>
public enum MatchCardinality
{
    OneToOne,
    ManyToOne,
    OneToMany,
    ManyToMany,
}

/// <summary><c>on(...)</c> / <c>ignoring(...)</c> and <c>group_left(...)</c> / <c>group_right(...)</c>.</summary>
public sealed class VectorMatching
{
    public VectorMatching(MatchCardinality cardinality, IReadOnlyList<string> matchingLabels, bool on, IReadOnlyList<string> include)
    {
        Cardinality = cardinality;
        MatchingLabels = matchingLabels;
        On = on;
        Include = include;
    }

    public MatchCardinality Cardinality { get; internal set; }

    /// <summary>The labels of <c>on</c> (when <see cref="On"/>) or of <c>ignoring</c>.</summary>
    public IReadOnlyList<string> MatchingLabels { get; }

    public bool On { get; }

    /// <summary>The extra labels copied from the "one" side by <c>group_left</c>/<c>group_right</c>.</summary>
    public IReadOnlyList<string> Include { get; }
}
