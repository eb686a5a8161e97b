using Microsoft.Extensions.Logging.Console;

namespace Tsdb.Server;

/// <summary>Sets up console logging from <c>--log.level</c> and <c>--log.format</c>.</summary>
public static class ServerLogging
{
    public static void Configure(ILoggingBuilder logging, ServerOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);
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
