namespace Tsdb.Storage;

/// <summary>One name/value pair of a series' identity.</summary>
public readonly record struct Label(string Name, string Value)
{
    public override string ToString() => $"{Name}=\"{LabelText.EscapeValue(Value)}\"";
}
