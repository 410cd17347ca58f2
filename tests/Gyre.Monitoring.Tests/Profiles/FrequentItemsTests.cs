using Gyre.Core;
using Gyre.Monitoring.Profiles;

namespace Gyre.Monitoring.Tests.Profiles;

public sealed class FrequentItemsTests
{
    [Fact]
    public void Add_FewDistinctItems_CountsExact()
    {
        var sketch = new FrequentItems(4);
        sketch.Add("a", 5);
        sketch.Add("b");
        sketch.Add("a");
        sketch.Add("c", 2);

        Assert.True(sketch.IsExact);
        Assert.Equal(9, sketch.TotalCount);
        Assert.Equal([new FrequentItem("a", 6, 6), new FrequentItem("c", 2, 2), new FrequentItem("b", 1, 1)], sketch.Items);
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(64, 2)]
    [InlineData(256, 3)]
    public void Add_ZipfStream_TrueCountsWithinBoundsAndErrorBounded(int capacity, int seed)
    {
        var (stream, truth) = Zipf(200_000, 5_000, seed);
        var sketch = new FrequentItems(capacity);
        foreach (var item in stream)
        {
            sketch.Add(item);
        }

        AssertBounds(sketch, truth, stream.Length);
    }

    [Fact]
    public void Merge_TwentyFourParts_TrueCountsWithinBoundsAndErrorBounded()
    {
        var (stream, truth) = Zipf(240_000, 5_000, 9);
        var merged = new FrequentItems(64);
        for (var part = 0; part < 24; part++)
        {
            var piece = new FrequentItems(64);
            foreach (var item in stream.AsSpan(part * 10_000, 10_000))
            {
                piece.Add(item);
            }

            merged.Merge(piece);
        }

        Assert.False(merged.IsExact);
        AssertBounds(merged, truth, stream.Length);
    }

    [Fact]
    public void Merge_ExactParts_StaysExactWithSummedCounts()
    {
        var a = new FrequentItems(10);
        var b = new FrequentItems(10);
        a.Add("x", 3);
        a.Add("y", 1);
        b.Add("y", 4);
        b.Add("z", 2);

        a.Merge(b);

        Assert.True(a.IsExact);
        Assert.Equal(10, a.TotalCount);
        Assert.Equal(5, a.LowerBound("y"));
        Assert.Equal(2, a.UpperBound("z"));
    }

    [Fact]
    public void FromJson_RoundTrip_SameItemsAndBounds()
    {
        var (stream, _) = Zipf(20_000, 1_000, 4);
        var sketch = new FrequentItems(32);
        foreach (var item in stream)
        {
            sketch.Add(item);
        }

        var restored = FrequentItems.FromJson(sketch.ToJson());

        Assert.Equal(sketch.Items, restored.Items);
        Assert.Equal(sketch.MaximumError, restored.MaximumError);
        Assert.Equal(sketch.TotalCount, restored.TotalCount);
    }

    [Fact]
    public void FromJson_Malformed_ThrowsInvalidInputNamingSource()
    {
        var error = Assert.Throws<GyreException>(() => FrequentItems.FromJson("{\"capacity\":", "fi.json"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("fi.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_NegativeCount_ThrowsInvalidInput() =>
        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => new FrequentItems().Add("a", -1)).Kind);

    private static void AssertBounds(FrequentItems sketch, Dictionary<string, long> truth, long n)
    {
        Assert.Equal(n, sketch.TotalCount);
        Assert.True(
            sketch.MaximumError * (sketch.Capacity + 1L) <= n - sketch.KeptTotal,
            $"error {sketch.MaximumError} > (n − kept)/(capacity + 1) = {(n - sketch.KeptTotal) / (double)(sketch.Capacity + 1)}");
        Assert.True(sketch.KeptCount <= 2 * sketch.Capacity);
        foreach (var (item, count) in truth)
        {
            Assert.InRange(count, sketch.LowerBound(item), sketch.UpperBound(item));
        }

        // Every item heavier than n/(capacity + 1) is kept.
        foreach (var (item, count) in truth.Where(pair => pair.Value > n / (sketch.Capacity + 1)))
        {
            Assert.True(sketch.LowerBound(item) > 0, $"heavy item {item} ({count}) was not kept");
        }
    }

    private static (string[] Stream, Dictionary<string, long> Truth) Zipf(int length, int universe, int seed)
    {
        var weights = Enumerable.Range(1, universe).Select(rank => 1.0 / rank).ToArray();
        var cumulative = new double[universe];
        var running = 0.0;
        for (var i = 0; i < universe; i++)
        {
            running += weights[i];
            cumulative[i] = running;
        }

        var random = new Random(seed);
        var stream = new string[length];
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < length; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * running);
            var item = $"i{(index < 0 ? ~index : index)}";
            stream[i] = item;
            truth[item] = truth.GetValueOrDefault(item) + 1;
        }

        return (stream, truth);
    }
}
