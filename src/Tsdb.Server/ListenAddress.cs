namespace Tsdb.Server;

/// <summary>Turns a Prometheus-style listen address (<c>:9090</c>, <c>host:port</c>) into a Kestrel URL host.</summary>
public static class ListenAddress
{
    public static string ToUrlHost(string address) =>
        address.StartsWith(':') ? "0.0.0.0" + address : address;
}
