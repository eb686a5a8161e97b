using BenchmarkDotNet.Running;
using Tsdb.Benchmarks.Chunks;
using Tsdb.Benchmarks.HeadStore;
using Tsdb.Benchmarks.Query;

if (args is [ChunkSizeReport.Command, DatasetOpenMetricsExport.Option, var exportPath])
{
    DatasetOpenMetricsExport.Write(exportPath);
    return;
}

if (args is [ChunkSizeReport.Command])
{
    // A deterministic size measurement, not a timing: no benchmark harness needed.
    ChunkSizeReport.Run(Console.Out);
    return;
}

if (args is [HeadMemoryReport.Command, ..])
{
    HeadMemoryReport.Run(Console.Out, args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
    return;
}

if (args is [QueryTimingReport.Command, ..])
{
    QueryTimingReport.Run(Console.Out, args.Length > 1 ? int.Parse(args[1]) : 15);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
