namespace Tsdb.Server.RemoteWrite;

/// <summary>A remote write body that cannot be decoded or holds data that must not be stored; the message names the problem.</summary>
public sealed class RemoteWriteFormatException(string message) : Exception(message);
