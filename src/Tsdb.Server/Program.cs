using Tsdb.Server;
using Tsdb.Storage;
using Tsdb.Storage.Wal;

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

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://{ListenAddress.ToUrlHost(options.ListenAddress)}");
var app = builder.Build();

Directory.CreateDirectory(options.StoragePath);
using var head = Head.Open(
    new HeadOptions { Wal = new WalOptions(Path.Combine(options.StoragePath, "wal")) },
    app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("storage"));

app.MapGet("/-/healthy", () => Results.Text("Prometheus Server is Healthy.\n"));
app.MapGet("/-/ready", () => Results.Text("Prometheus Server is Ready.\n"));
app.Run();
return 0;
