using System.Globalization;
using System.Text;

namespace Tsdb.Load.ScrapeCompare;

/// <summary>The one prometheus.yml every system is given: a single job scraping every fake exporter.</summary>
public static class ScrapeConfigFile
{
    public const string JobName = "fake";

    public static string Render(IEnumerable<string> targets, TimeSpan interval)
    {
        string seconds = interval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        var sb = new StringBuilder();
        sb.Append("global:\n  scrape_interval: ").Append(seconds).Append("\n  scrape_timeout: ").Append(seconds).Append('\n');
        sb.Append("scrape_configs:\n  - job_name: ").Append(JobName).Append("\n    static_configs:\n      - targets:\n");
        foreach (var target in targets) sb.Append("          - ").Append(target).Append('\n');
        return sb.ToString();
    }

    public static string Write(string directory, IEnumerable<string> targets, TimeSpan interval)
    {
        string path = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(path, Render(targets, interval));
        return path;
    }
}
