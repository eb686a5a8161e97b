using Tsdb.Server;

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

await using var server = await TsdbServer.StartAsync(options);
await server.WaitForShutdownAsync();
return 0;
