using System.Net;
using System.Net.Sockets;

namespace Tsdb.Load.Systems;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the kernel's pick for port 0).</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
