using Microsoft.Extensions.Logging.Console;

namespace Tsdb.Server;

/// <summary>Sets up console logging from <c>--log.level</c> and <c>--log.format</c>.</summary>
public static class ServerLogging
{
    public static void Configure(ILoggingBuilder logging, ServerOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);
        // Prometheus writes no line per HTTP request at info: the framework's request, routing and hosting
        // diagnostics (two lines per request, every scrape of /metrics and every remote write batch) show
        // from debug on. Start-up and shutdown messages come from Microsoft.Hosting.Lifetime and stay.
        if (options.LogLevel > LogLevel.Debug) logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (options.LogFormat == "json")
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            // One line per message with a UTC timestamp, the closest console format to logfmt.
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "'ts='yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }
    }
}
