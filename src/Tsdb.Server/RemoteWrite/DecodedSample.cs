namespace Tsdb.Server.RemoteWrite;

internal readonly record struct DecodedSample(long Timestamp, double Value);
