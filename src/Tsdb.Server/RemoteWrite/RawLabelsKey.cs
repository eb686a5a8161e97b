using Tsdb.Storage;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// Identifies the raw protobuf bytes of a time series' labels by two independent 64-bit hashes of them
/// (xxHash64 with two seeds). Two different label encodings share both hashes with a probability of about
/// 2^-128 per pair, so even 10^8 distinct series over a process's life collide with a probability near
/// 10^-23: far below that of a memory error, and a cache keyed by this does not need the bytes themselves.
/// </summary>
public readonly record struct RawLabelsKey(ulong Hash, ulong Check)
{
    // Any seed other than 0 gives a hash independent of the first; this one is xxHash's own test seed.
    private const ulong CheckSeed = 2654435761;

    public static RawLabelsKey Of(ReadOnlySpan<byte> rawLabels) =>
        new(XxHash64.Hash(rawLabels), XxHash64.Hash(rawLabels, CheckSeed));
}
