using Microsoft.Extensions.Logging;

namespace Tsdb.Server.Tests;

/// <summary>Like Prometheus, the server writes no line per HTTP request unless asked for debug logs.</summary>
public sealed class ServerLoggingTests
{
    [Theory]
    [InlineData("info", false)]
    [InlineData("warn", false)]
    [InlineData("debug", true)]
    public void FrameworkRequestLogsShowFromDebugOn(string level, bool requestLogs)
    {
        using var factory = LoggerFactory.Create(logging =>
            ServerLogging.Configure(logging, ServerOptions.Parse([$"--log.level={level}"])));
        var levelOfFlag = ServerOptions.Parse([$"--log.level={level}"]).LogLevel;

        Assert.Equal(requestLogs, factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.Equal(requestLogs, factory.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
        Assert.Equal(levelOfFlag <= LogLevel.Information, factory.CreateLogger("Microsoft.Hosting.Lifetime").IsEnabled(LogLevel.Information));
        Assert.Equal(levelOfFlag <= LogLevel.Information, factory.CreateLogger("Tsdb.Server").IsEnabled(LogLevel.Information));
    }
}
