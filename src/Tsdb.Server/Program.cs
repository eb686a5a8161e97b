using Tsdb.Scrape.Configuration;
using Tsdb.Server;
using Tsdb.Server.Scrape;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ServerOptions.Usage());
    return 0;
}

ServerOptions options;
try
{
    options = ServerOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"tsdb: error: {e.Message}");
    Console.Error.WriteLine(ServerOptions.Usage());
    return 2;
}

TsdbServer server;
try
{
    server = await TsdbServer.StartAsync(options);
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"tsdb: error loading config (--config.file={options.ConfigFile ?? ScrapeConfiguration.DefaultFile}): {e.Message}");
    return 1;
}
await using (server)
{
    await server.WaitForShutdownAsync();
}
return 0;
