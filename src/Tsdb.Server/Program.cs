var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/-/healthy", () => Results.Text("Prometheus Server is Healthy.\n"));
app.Run();
