using Tsdb.Storage;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// Identifies the raw protobuf bytes of a time series' labels by 96 bits of two independent hashes of them
/// (xxHash64 with two seeds). Two different label encodings share them with a probability of 2^-96 per
/// pair, so even 10^8 distinct series over a process's life collide with a probability near 10^-13: far
/// below that of a memory error, and a cache keyed by this does not need the bytes themselves.
/// </summary>
public readonly record struct RawLabelsKey(ulong Hash, uint Check)
{
    // Any seed other than 0 gives a hash independent of the first; this one is xxHash's own test seed.
    private const ulong CheckSeed = 2654435761;

    public static RawLabelsKey Of(ReadOnlySpan<byte> rawLabels) =>
        new(XxHash64.Hash(rawLabels), (uint)XxHash64.Hash(rawLabels, CheckSeed));
}
