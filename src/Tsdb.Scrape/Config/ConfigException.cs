namespace Tsdb.Scrape.Configuration;

/// <summary>A configuration file that cannot be used; the message starts with "file:line:column: ".</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);
