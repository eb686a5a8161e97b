using System.Globalization;
using System.IO.Compression;

namespace Tsdb.Benchmarks.Chunks;

/// <summary>One series of the captured dataset: its identity text and its samples in time order.</summary>
internal sealed record DatasetSeries(string Identity, long[] Timestamps, double[] Values);

/// <summary>
/// Reads bench/data/node-exporter.prom.gz (see bench/data/README.md): consecutive node-exporter scrapes in
/// the text exposition format, each preceded by a "# SCRAPE &lt;unix ms&gt;" line. Scrape i is stamped with the
/// i-th time of <see cref="ScrapeTimestamps"/> (15 s apart), whatever the capture's own spacing was.
/// </summary>
internal static class NodeExporterDataset
{
    public const string FileName = "node-exporter.prom.gz";
    private const string ScrapeMarker = "# SCRAPE ";

    public static IReadOnlyList<DatasetSeries> Load() => Load(Locate());

    public static IReadOnlyList<DatasetSeries> Load(string path)
    {
        // Per series: the scrape numbers it appeared in and its value there.
        var samples = new Dictionary<string, List<(int Scrape, double Value)>>();
        int scrape = -1;
        long firstScrapeTime = 0;
        int lineNumber = 0;
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith(ScrapeMarker, StringComparison.Ordinal))
            {
                scrape++;
                if (scrape == 0)
                {
                    firstScrapeTime = long.Parse(line.AsSpan(ScrapeMarker.Length), CultureInfo.InvariantCulture);
                }

                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (scrape < 0)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: sample before the first '{ScrapeMarker.Trim()}' line.");
            }

            var (identity, value) = ParseSampleLine(line, path, lineNumber);
            if (!samples.TryGetValue(identity, out var list))
            {
                samples[identity] = list = [];
            }

            list.Add((scrape, value));
        }

        var times = ScrapeTimestamps.Generate(scrape + 1, firstScrapeTime);
        return samples
            .Select(pair => new DatasetSeries(
                pair.Key,
                pair.Value.Select(s => times[s.Scrape]).ToArray(),
                pair.Value.Select(s => s.Value).ToArray()))
            .ToList();
    }

    /// <summary>
    /// Splits "name{labels} value [timestamp]": the identity ends at the last '}' (label values may hold spaces)
    /// or, without labels, at the first space; the value is the next token. A sample timestamp is ignored.
    /// </summary>
    private static (string Identity, double Value) ParseSampleLine(string line, string path, int lineNumber)
    {
        int identityEnd = line.Contains('{') ? line.LastIndexOf('}') + 1 : line.IndexOf(' ');
        if (identityEnd <= 0 || identityEnd >= line.Length)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: no value after the series name: '{line}'.");
        }

        var rest = line.AsSpan(identityEnd).TrimStart(' ');
        int valueEnd = rest.IndexOf(' ');
        var token = valueEnd < 0 ? rest : rest[..valueEnd];
        double value = token switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ when double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => throw new InvalidDataException($"{path}:{lineNumber}: '{token}' is not a sample value."),
        };
        return (line[..identityEnd], value);
    }

    /// <summary>Finds bench/data/ from the working directory or the binary's directory, walking up.</summary>
    private static string Locate()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "bench", "data", FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"bench/data/{FileName} not found above the working or binary directory.");
    }
}
