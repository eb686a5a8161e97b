using Tsdb.Storage.Wal;

namespace Tsdb.Storage;

public sealed record HeadOptions
{
    /// <summary>Where and how to log commits; null keeps the head in memory only (tests, benchmarks).</summary>
    public WalOptions? Wal { get; init; }
}
