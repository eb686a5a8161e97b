using System.Text.RegularExpressions;

namespace Tsdb.Scrape.Relabeling;

/// <summary>
/// One validated relabeling rule. The constructor applies Prometheus's per-action rules and throws
/// <see cref="ArgumentException"/> with Prometheus's message when the rule cannot work.
/// </summary>
public sealed class RelabelConfig
{
    public const string DefaultSeparator = ";";
    public const string DefaultReplacement = "$1";

    // A target label made of name characters and $-references, as Prometheus allows for replace.
    private static readonly Regex TemplatedLabelName =
        new(@"^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$", RegexOptions.CultureInvariant);

    public IReadOnlyList<string> SourceLabels { get; }
    public string Separator { get; }
    public RelabelRegex Regex { get; }
    public ulong Modulus { get; }
    public string TargetLabel { get; }
    public string Replacement { get; }
    public RelabelAction Action { get; }

    /// <summary>Whether the target label needs group expansion; false lets replace skip the template work.</summary>
    internal bool TargetLabelIsTemplate { get; }

    public RelabelConfig(
        RelabelAction action = RelabelAction.Replace,
        IReadOnlyList<string>? sourceLabels = null,
        string separator = DefaultSeparator,
        RelabelRegex? regex = null,
        ulong modulus = 0,
        string targetLabel = "",
        string replacement = DefaultReplacement)
    {
        Action = action;
        SourceLabels = sourceLabels ?? [];
        Separator = separator;
        Regex = regex ?? RelabelRegex.Default;
        Modulus = modulus;
        TargetLabel = targetLabel;
        Replacement = replacement;
        TargetLabelIsTemplate = targetLabel.Contains('$');
        Validate(sourceLabels is not null);
    }

    private void Validate(bool sourceLabelsGiven)
    {
        string name = Action.ToConfigName();
        if (Modulus == 0 && Action == RelabelAction.HashMod)
            throw new ArgumentException("relabel configuration for hashmod requires non-zero modulus");
        if (Action is RelabelAction.Replace or RelabelAction.HashMod or RelabelAction.Lowercase or RelabelAction.Uppercase
                or RelabelAction.KeepEqual or RelabelAction.DropEqual && TargetLabel.Length == 0)
            throw new ArgumentException($"relabel configuration for {name} action requires 'target_label' value");
        bool targetValid = Action switch
        {
            RelabelAction.Replace => TargetLabelIsTemplate ? TemplatedLabelName.IsMatch(TargetLabel) : LabelName.IsValid(TargetLabel),
            RelabelAction.Lowercase or RelabelAction.Uppercase or RelabelAction.KeepEqual or RelabelAction.DropEqual
                or RelabelAction.HashMod => LabelName.IsValid(TargetLabel),
            _ => true,
        };
        if (!targetValid)
            throw new ArgumentException($"\"{TargetLabel}\" is invalid 'target_label' for {name} action");
        if (Action is RelabelAction.Lowercase or RelabelAction.Uppercase or RelabelAction.KeepEqual or RelabelAction.DropEqual
            && Replacement != DefaultReplacement)
            throw new ArgumentException($"'replacement' can not be set for {name} action");
        if (Action == RelabelAction.LabelMap && !TemplatedLabelName.IsMatch(Replacement))
            throw new ArgumentException($"\"{Replacement}\" is invalid 'replacement' for {name} action");
        if (Action is RelabelAction.KeepEqual or RelabelAction.DropEqual
            && (Regex.Pattern != RelabelRegex.DefaultPattern || Modulus != 0 || Separator != DefaultSeparator
                || Replacement != DefaultReplacement))
            throw new ArgumentException($"{name} action requires only 'source_labels' and `target_label`, and no other fields");
        if (Action is RelabelAction.LabelDrop or RelabelAction.LabelKeep
            && (sourceLabelsGiven || TargetLabel.Length != 0 || Modulus != 0 || Separator != DefaultSeparator
                || Replacement != DefaultReplacement))
            throw new ArgumentException($"{name} action requires only 'regex', and no other fields");
    }
}
