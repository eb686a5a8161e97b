using System.Net.Sockets;
using Tsdb.Server.Tests.Oracle;

namespace Tsdb.Server.Tests.Scrape;

/// <summary>The real prometheus-node-exporter on a free 127.0.0.1 port, killed on dispose.</summary>
public sealed class NodeExporterProcess : IDisposable
{
    public const string Binary = "/usr/bin/prometheus-node-exporter";

    private readonly ChildProcess _process;

    private NodeExporterProcess(ChildProcess process, string target)
    {
        _process = process;
        Target = target;
    }

    /// <summary>host:port, as a static_configs target.</summary>
    public string Target { get; }

    /// <summary>What the exporter printed so far, for failure messages.</summary>
    public string Output => _process.Output;

    public static async Task<NodeExporterProcess> StartAsync()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install the Debian package prometheus-node-exporter");
        int port = FreePort.Next();
        var exporter = new NodeExporterProcess(new ChildProcess(Binary, [$"--web.listen-address=127.0.0.1:{port}"]), $"127.0.0.1:{port}");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return exporter;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !exporter._process.HasExited)
            {
                await Task.Delay(50);
            }
            catch
            {
                var output = exporter._process.Output;
                exporter.Dispose();
                throw new InvalidOperationException($"node exporter did not start listening on port {port}:\n{output}");
            }
        }
    }

    public void Dispose() => _process.Dispose();
}
