namespace Tsdb.Storage;

/// <summary>
/// Totals for one batch, counting the samples refused when they were added as well as those refused
/// at commit (another appender committed a newer sample of the same series in between).
/// </summary>
public readonly record struct CommitResult(int Appended, int OutOfOrder, int Duplicate, int SeriesCreated)
{
    public int Rejected => OutOfOrder + Duplicate;
}
