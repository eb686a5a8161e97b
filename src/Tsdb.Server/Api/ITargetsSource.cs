using Tsdb.Scrape.Service;
using Tsdb.Scrape.Targets;

namespace Tsdb.Server.Api;

/// <summary>What /api/v1/targets lists; implemented by whatever runs the scrapes.</summary>
public interface ITargetsSource
{
    IReadOnlyList<TargetStatus> ActiveTargets();

    /// <summary>Targets discovered but dropped by relabeling: their discovered labels only.</summary>
    IReadOnlyList<DroppedTarget> DroppedTargets();
}

/// <summary>The source used while nothing scrapes: no targets.</summary>
public sealed class NoTargets : ITargetsSource
{
    public static readonly NoTargets Instance = new();

    public IReadOnlyList<TargetStatus> ActiveTargets() => [];

    public IReadOnlyList<DroppedTarget> DroppedTargets() => [];
}
