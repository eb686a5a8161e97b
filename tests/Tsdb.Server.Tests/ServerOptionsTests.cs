using System.Diagnostics;

namespace Tsdb.Server.Tests;

public class ServerOptionsTests
{
    [Fact]
    public void DefaultsAreThoseOfPrometheus()
    {
        var options = ServerOptions.Parse([]);
        Assert.Null(options.ConfigFile); // not given: ./prometheus.yml if it exists, else the built-in configuration
        Assert.Equal("prometheus.yml", options.FlagValues["config.file"]);
        Assert.Equal("data/", options.StoragePath);
        Assert.Equal(TimeSpan.FromDays(15), options.RetentionTime);
        Assert.Equal(0, options.RetentionSizeBytes);
        Assert.Equal("0.0.0.0:9090", options.ListenAddress);
        Assert.Equal(TimeSpan.FromMinutes(5), options.LookbackDelta);
        Assert.Equal(TimeSpan.FromMinutes(2), options.QueryTimeout);
        Assert.Equal(50_000_000, options.QueryMaxSamples);
        Assert.False(options.EnableLifecycle || options.EnableAdminApi || options.EnableRemoteWriteReceiver);
        Assert.Equal("logfmt", options.LogFormat);
    }

    [Fact]
    public void EveryFlagIsParsedInBothSpellings()
    {
        var options = ServerOptions.Parse([
            "--config.file", "a.yml", "--storage.tsdb.retention.time=30d", "--storage.tsdb.retention.size=1GB",
            "--web.enable-lifecycle", "--web.enable-admin-api=true", "--no-web.enable-remote-write-receiver",
            "--query.lookback-delta=1m", "--query.timeout", "30s", "--query.max-samples=10", "--log.level=debug", "--log.format=json"]);
        Assert.Equal("a.yml", options.ConfigFile);
        Assert.Equal(TimeSpan.FromDays(30), options.RetentionTime);
        Assert.Equal(1L << 30, options.RetentionSizeBytes);
        Assert.True(options.EnableLifecycle && options.EnableAdminApi);
        Assert.False(options.EnableRemoteWriteReceiver);
        Assert.Equal(TimeSpan.FromMinutes(1), options.LookbackDelta);
        Assert.Equal(TimeSpan.FromSeconds(30), options.QueryTimeout);
        Assert.Equal(10, options.QueryMaxSamples);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, options.LogLevel);
        Assert.Equal("json", options.LogFormat);
        Assert.Equal("30s", options.FlagValues["query.timeout"]);
        Assert.Equal("false", options.FlagValues["web.enable-remote-write-receiver"]);
    }

    [Theory]
    [InlineData("--bogus", "unknown long flag '--bogus'")]
    [InlineData("--query.timeout=soon", "invalid value \"soon\" for flag '--query.timeout'")]
    [InlineData("--log.level=loud", "invalid value \"loud\" for flag '--log.level'")]
    [InlineData("--log.format=xml", "invalid value \"xml\" for flag '--log.format'")]
    [InlineData("--storage.tsdb.retention.size=big", "invalid value \"big\" for flag '--storage.tsdb.retention.size'")]
    [InlineData("--web.enable-lifecycle=yes", "invalid value \"yes\" for flag '--web.enable-lifecycle'")]
    [InlineData("--query.max-samples", "expected argument for flag '--query.max-samples'")]
    public void BadFlagsNameTheFlag(string arg, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ServerOptions.Parse([arg]));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void TheExecutableExitsWithCode2OnABadFlagAndListsFlagsInHelp()
    {
        var (code, output) = Run("--query.timeout=x");
        Assert.Equal(2, code);
        Assert.Contains("--query.timeout", output);
        var (helpCode, help) = Run("--help");
        Assert.Equal(0, helpCode);
        foreach (var flag in new[] { "--config.file", "--storage.tsdb.retention.time", "--web.enable-lifecycle", "--log.format" })
            Assert.Contains(flag, help);
    }

    private static (int Code, string Output) Run(string arg)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(TsdbServer).Assembly.Location);
        info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000));
        return (process.ExitCode, output);
    }
}
