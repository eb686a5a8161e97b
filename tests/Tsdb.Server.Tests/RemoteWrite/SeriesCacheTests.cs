using Tsdb.Server.RemoteWrite;
using Tsdb.Storage;

namespace Tsdb.Server.Tests.RemoteWrite;

public class SeriesCacheTests
{
    [Fact]
    public void FindsWhatWasSetAndNotWhatWasRemoved()
    {
        var cache = new SeriesCache(1000);
        var key = RawLabelsKey.Of("a"u8);
        cache.Set(key, new SeriesRef(7));
        Assert.True(cache.TryGet(key, out var found));
        Assert.Equal(7UL, found.Value);
        Assert.False(cache.TryGet(RawLabelsKey.Of("b"u8), out _));

        cache.Set(key, new SeriesRef(8));
        Assert.True(cache.TryGet(key, out found));
        Assert.Equal(8UL, found.Value);
        Assert.Equal(1, cache.Count);

        cache.Remove(key);
        Assert.False(cache.TryGet(key, out _));
        Assert.Equal(0, cache.Count);

        // Entries keep 32 bits of the reference, so a larger one is not remembered rather than cut short.
        cache.Set(key, new SeriesRef(1UL << 32));
        Assert.False(cache.TryGet(key, out _));
    }

    [Fact]
    public void KeysDifferingOnlyInTheirCheckAreDistinct()
    {
        var cache = new SeriesCache(1000);
        cache.Set(new RawLabelsKey(1, 2), new SeriesRef(1));
        cache.Set(new RawLabelsKey(1, 3), new SeriesRef(2));
        Assert.True(cache.TryGet(new RawLabelsKey(1, 3), out var found));
        Assert.Equal(2UL, found.Value);
        Assert.False(cache.TryGet(new RawLabelsKey(1, 4), out _));
    }

    // Keys crowded into few slots of one stripe make long probe runs, so removals must shift entries back
    // across runs and around the end of the table; a dictionary says what must still be found.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AgreesWithADictionaryUnderRandomSetsAndRemoves(int seed)
    {
        var random = new Random(seed);
        var cache = new SeriesCache(1_000_000);
        var model = new Dictionary<RawLabelsKey, ulong>();
        for (int step = 0; step < 20_000; step++)
        {
            // Stripe 0 (top bits zero), home slots among the last few and first few of the table: the low 32 bits,
            // which are scaled to a slot, near their largest and their smallest values.
            ulong home = (uint)random.Next(-8, 8) << 24;
            var key = new RawLabelsKey(home | ((ulong)random.Next(0, 4) << 40), (uint)random.Next(0, 300));
            if (random.Next(3) == 0)
            {
                cache.Remove(key);
                model.Remove(key);
            }
            else
            {
                ulong value = (ulong)step + 1;
                cache.Set(key, new SeriesRef(value));
                model[key] = value;
            }
        }
        Assert.Equal(model.Count, cache.Count);
        foreach (var (key, value) in model)
        {
            Assert.True(cache.TryGet(key, out var found));
            Assert.Equal(value, found.Value);
        }
    }

    [Fact]
    public void EmptiesItselfWhenFullAndRefills()
    {
        var cache = new SeriesCache(100);
        for (ulong i = 1; i <= 100; i++) cache.Set(RawLabelsKey.Of(BitConverter.GetBytes(i)), new SeriesRef(i));
        Assert.Equal(100, cache.Count);

        cache.Set(RawLabelsKey.Of(BitConverter.GetBytes(101UL)), new SeriesRef(101));
        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryGet(RawLabelsKey.Of(BitConverter.GetBytes(1UL)), out _));
        Assert.True(cache.TryGet(RawLabelsKey.Of(BitConverter.GetBytes(101UL)), out var found));
        Assert.Equal(101UL, found.Value);
    }
}
