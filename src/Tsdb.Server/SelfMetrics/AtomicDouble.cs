namespace Tsdb.Server.SelfMetrics;

/// <summary>A double that many threads add to without a lock.</summary>
internal struct AtomicDouble
{
    private long _bits;

    public readonly double Value => BitConverter.Int64BitsToDouble(Volatile.Read(in _bits));

    public void Add(double delta)
    {
        while (true)
        {
            long current = Volatile.Read(ref _bits);
            long next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + delta);
            if (Interlocked.CompareExchange(ref _bits, next, current) == current) return;
        }
    }

    public void Set(double value) => Volatile.Write(ref _bits, BitConverter.DoubleToInt64Bits(value));
}
