namespace Tsdb.Scrape.Targets;

/// <summary>
/// HTTP basic authentication for scrapes. The password comes either inline or from a file that is read
/// again at every scrape, so a rotated secret takes effect without a reload.
/// </summary>
public sealed record BasicAuthSettings(string Username, string? Password = null, string? PasswordFile = null);
