using Tsdb.Load.Queries;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>
/// One system's figures for one workload, from one or more fresh instances that each ingested it
/// (<see cref="Ingests"/>, in order). <see cref="Counts"/> are the first instance's that fell short, else the
/// last's; the queries ran against all instances and the disk is the last instance's.
/// CPU figures are the best over the instances: on a shared machine interference only ever adds CPU time,
/// so the least of a few repetitions is the steadiest estimate of the system's own cost. Memory figures are
/// the mean over the instances: other work does not inflate them, and each instance's differ by where its
/// garbage collector happened to be.
/// <see cref="Passed"/> only when every instance took every request and stored every sample.
/// </summary>
public sealed record SystemResult(
    string System,
    EncodedWorkload Encoded,
    IReadOnlyList<IngestMeasurement> Ingests,
    StoredCounts Counts,
    PersistedSize Disk,
    IReadOnlyList<QueryLatency> Queries)
{
    public bool Passed => FailureReason is null;

    /// <summary>The instance that spent the least CPU time ingesting: its time, rate and CPU are reported.</summary>
    public IngestMeasurement BestIngest => Ingests.MinBy(static i => i.Cpu)!;

    public TimeSpan IngestCpu => BestIngest.Cpu;

    public double SamplesPerCpuSecond => Encoded.Samples / IngestCpu.TotalSeconds;

    /// <summary>The series held after ingest: the workload's and the warm-up's.</summary>
    public long ActiveSeries => Encoded.DistinctSeries + (BestIngest.WarmUp is null ? 0 : WarmUp.Series);

    public double ResidentBytesPerActiveSeries => (double)ResidentBytesAfterIngest / ActiveSeries;

    public long ResidentBytesAfterIngest => (long)Ingests.Average(static i => i.MedianResidentBytes);

    public long PeakResidentBytes => (long)Ingests.Average(static i => i.After.PeakResidentBytes);

    public double DiskBytesPerSample => (double)Disk.Bytes / Encoded.Samples;

    /// <summary>Why the result does not count, or null.</summary>
    public string? FailureReason
    {
        get
        {
            foreach (var (ingest, i) in Ingests.Select((ingest, i) => (ingest, i)))
            {
                if (ingest.FailureReason is { } reason) return Ingests.Count == 1 ? reason : $"instance {i + 1}: {reason}";
            }
            if (Counts.Samples != Encoded.Samples) return $"stored {Counts.Samples:N0} of {Encoded.Samples:N0} samples sent";
            if (Counts.SeriesInLastWindow != Encoded.SeriesInLastWindow)
                return $"{Counts.SeriesInLastWindow:N0} series in the last {Encoded.LastWindow.TotalSeconds} s, expected {Encoded.SeriesInLastWindow:N0}";
            return null;
        }
    }
}
