namespace Tsdb.Scrape.Service;

/// <summary>What a reload answers: success, or the reason the file was refused (the old configuration keeps running).</summary>
public sealed record ReloadResult(bool Succeeded, string Error)
{
    public static readonly ReloadResult Success = new(true, "");

    public static ReloadResult Failure(string error) => new(false, error);
}
