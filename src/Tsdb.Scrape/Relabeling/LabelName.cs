namespace Tsdb.Scrape.Relabeling;

/// <summary>Label name syntax: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
public static class LabelName
{
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.Length == 0) return false;
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (char c in name[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    /// <summary>A label value is valid when it is well-formed Unicode (no lone surrogate), as Go's UTF-8 check.</summary>
    public static bool IsValidValue(ReadOnlySpan<char> value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }
}
