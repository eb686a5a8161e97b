using BenchmarkDotNet.Running;
using Tsdb.Benchmarks.Chunks;

if (args is [ChunkSizeReport.Command])
{
    // A deterministic size measurement, not a timing: no benchmark harness needed.
    ChunkSizeReport.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
