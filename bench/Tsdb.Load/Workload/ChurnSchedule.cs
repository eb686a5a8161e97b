namespace Tsdb.Load.Workload;

/// <summary>
/// Which instances get a new identity at the start of each round: about <c>percent</c> of the series per
/// round, as whole instances taken in turn (the fraction left over carries to the next round, so small
/// percentages still churn).
/// </summary>
public sealed class ChurnSchedule
{
    private readonly int[][] _replacedAt;

    public ChurnSchedule(SeriesCatalog catalog, int rounds, double percent)
    {
        if (percent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "churn must be between 0 and 100 percent");
        _replacedAt = new int[rounds][];
        _replacedAt[0] = [];
        double averageInstanceSize = (double)catalog.SeriesCount / catalog.InstanceCount;
        double carry = 0;
        int next = 0;
        for (int round = 1; round < rounds; round++)
        {
            carry += catalog.SeriesCount * percent / 100 / averageInstanceSize;
            int count = Math.Min((int)carry, catalog.InstanceCount);
            carry -= count;
            var replaced = new int[count];
            for (int i = 0; i < count; i++)
            {
                replaced[i] = next;
                next = (next + 1) % catalog.InstanceCount;
            }
            _replacedAt[round] = replaced;
        }
    }

    public int Rounds => _replacedAt.Length;

    /// <summary>Instances replaced at the start of <paramref name="round"/> (none in round 0).</summary>
    public IReadOnlyList<int> ReplacedAt(int round) => _replacedAt[round];
}
