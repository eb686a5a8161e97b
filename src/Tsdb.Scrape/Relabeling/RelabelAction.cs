namespace Tsdb.Scrape.Relabeling;

/// <summary>The relabeling actions Prometheus knows, spelled in configuration in lower case.</summary>
public enum RelabelAction
{
    Replace,
    Keep,
    Drop,
    KeepEqual,
    DropEqual,
    HashMod,
    LabelMap,
    LabelDrop,
    LabelKeep,
    Lowercase,
    Uppercase,
}

public static class RelabelActions
{
    public static bool TryParse(string text, out RelabelAction action)
    {
        switch (text.ToLowerInvariant())
        {
            case "replace": action = RelabelAction.Replace; return true;
            case "keep": action = RelabelAction.Keep; return true;
            case "drop": action = RelabelAction.Drop; return true;
            case "keepequal": action = RelabelAction.KeepEqual; return true;
            case "dropequal": action = RelabelAction.DropEqual; return true;
            case "hashmod": action = RelabelAction.HashMod; return true;
            case "labelmap": action = RelabelAction.LabelMap; return true;
            case "labeldrop": action = RelabelAction.LabelDrop; return true;
            case "labelkeep": action = RelabelAction.LabelKeep; return true;
            case "lowercase": action = RelabelAction.Lowercase; return true;
            case "uppercase": action = RelabelAction.Uppercase; return true;
            default: action = default; return false;
        }
    }

    public static string ToConfigName(this RelabelAction action) => action.ToString().ToLowerInvariant();
}
