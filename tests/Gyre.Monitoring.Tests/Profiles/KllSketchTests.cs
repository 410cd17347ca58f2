using Gyre.Core;
using Gyre.Monitoring.Profiles;

namespace Gyre.Monitoring.Tests.Profiles;

public sealed class KllSketchTests(ITestOutputHelper output)
{
    /// <summary>The bound the tests assert for k = 200: DataSketches' 99 %-confidence double-sided rank error.</summary>
    private const double RankErrorBound = 0.0165;

    [Fact]
    public void Rank_FewerValuesThanK_IsExact()
    {
        var values = SketchSamples.Create(SketchSamples.Normal, 150, 1);
        var sketch = new KllSketch();
        sketch.AddRange(values);
        var sorted = values.Order().ToArray();

        Assert.True(sketch.IsExact);
        Assert.Equal(150, sketch.Count);
        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);
        foreach (var x in sorted)
        {
            Assert.Equal(SketchSamples.TrueRank(sorted, x), sketch.Rank(x));
        }

        Assert.Equal(sorted[74], sketch.Quantile(0.5));
        Assert.Equal(0.0, sketch.Rank(sorted[0] - 1));
    }

    [Theory]
    [InlineData(SketchSamples.Uniform, 1)]
    [InlineData(SketchSamples.Uniform, 2)]
    [InlineData(SketchSamples.Normal, 3)]
    [InlineData(SketchSamples.Normal, 4)]
    [InlineData(SketchSamples.Pareto, 5)]
    [InlineData(SketchSamples.Pareto, 6)]
    public void Rank_MillionValues_MaxErrorWithinBound(string distribution, int seed)
    {
        var values = SketchSamples.Create(distribution, 1_000_000, seed);
        var sketch = new KllSketch(seed: (ulong)seed);
        sketch.AddRange(values);
        var sorted = values.Order().ToArray();

        var error = SketchSamples.MaxRankError(sketch.Rank, sorted);
        output.WriteLine($"{distribution} seed {seed}: max rank error {error:P3}, retained {sketch.RetainedCount}, levels {sketch.LevelCount}");

        Assert.True(error <= RankErrorBound, $"max rank error {error:P3} exceeds {RankErrorBound:P2}");
        Assert.Equal(1_000_000, sketch.Count);
        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);
        var median = sketch.Quantile(0.5);
        Assert.True(Math.Abs(SketchSamples.TrueRank(sorted, median) - 0.5) <= RankErrorBound);
    }

    [Theory]
    [InlineData(SketchSamples.Uniform, 11)]
    [InlineData(SketchSamples.Normal, 12)]
    [InlineData(SketchSamples.Pareto, 13)]
    public void Merge_TwentyFourSketches_MaxErrorWithinBound(string distribution, int seed)
    {
        var values = SketchSamples.Create(distribution, 1_000_000, seed);
        var merged = new KllSketch(seed: (ulong)seed);
        var chunk = values.Length / 24;
        for (var hour = 0; hour < 24; hour++)
        {
            var part = new KllSketch(seed: (ulong)(seed * 100 + hour));
            var end = hour == 23 ? values.Length : (hour + 1) * chunk;
            part.AddRange(values.AsSpan(hour * chunk, end - (hour * chunk)));
            merged.Merge(part);
        }

        var sorted = values.Order().ToArray();
        var error = SketchSamples.MaxRankError(merged.Rank, sorted);
        output.WriteLine($"{distribution} merged 24: max rank error {error:P3}, retained {merged.RetainedCount}");

        Assert.True(error <= RankErrorBound, $"max rank error {error:P3} exceeds {RankErrorBound:P2}");
        Assert.Equal(values.Length, merged.Count);
        Assert.Equal(sorted[0], merged.Min);
        Assert.Equal(sorted[^1], merged.Max);
    }

    [Fact]
    public void Add_SameSeedSameInput_SameSketch()
    {
        var values = SketchSamples.Create(SketchSamples.Normal, 50_000, 7);
        var a = new KllSketch(seed: 42);
        var b = new KllSketch(seed: 42);
        a.AddRange(values);
        b.AddRange(values);

        Assert.Equal(a.ToJson(), b.ToJson());
    }

    [Fact]
    public void FromJson_RoundTrip_SameAnswersAndSameFutureState()
    {
        var values = SketchSamples.Create(SketchSamples.Pareto, 30_000, 8);
        var original = new KllSketch(seed: 9);
        original.AddRange(values.AsSpan(0, 20_000));

        var restored = KllSketch.FromJson(original.ToJson());
        original.AddRange(values.AsSpan(20_000));
        restored.AddRange(values.AsSpan(20_000));

        Assert.Equal(original.ToJson(), restored.ToJson());
        Assert.Equal(original.Quantile(0.9), restored.Quantile(0.9));
        Assert.Equal(original.Count, restored.Count);
    }

    [Fact]
    public void RetainedCount_GrowsLogarithmically()
    {
        var sketch = new KllSketch();
        var random = new Random(3);
        var sizeAt10K = 0;
        for (var i = 1; i <= 2_000_000; i++)
        {
            sketch.Add(random.NextDouble());
            if (i == 10_000)
            {
                sizeAt10K = sketch.RetainedCount;
            }
        }

        output.WriteLine($"retained at 1e4: {sizeAt10K}, at 2e6: {sketch.RetainedCount}, levels {sketch.LevelCount}");
        // ~3k items plus at most 8 per extra level.
        Assert.True(sketch.RetainedCount <= (3 * 200) + (8 * sketch.LevelCount), $"retained {sketch.RetainedCount}");
        Assert.True(sketch.RetainedCount <= sizeAt10K * 1.25, $"200× more values grew the sketch from {sizeAt10K} to {sketch.RetainedCount}");
    }

    [Fact]
    public void Add_NonFiniteValues_Ignored()
    {
        var sketch = new KllSketch();
        sketch.Add(double.NaN);
        sketch.Add(double.PositiveInfinity);
        sketch.Add(1.0);

        Assert.Equal(1, sketch.Count);
        Assert.Equal(1.0, sketch.Min);
    }

    [Fact]
    public void Quantile_Empty_IsNaN()
    {
        var sketch = new KllSketch();

        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        Assert.Equal(0.0, sketch.Rank(1.0));
    }

    [Fact]
    public void Merge_DifferentK_ThrowsInvalidInput()
    {
        var error = Assert.Throws<GyreException>(() => new KllSketch(200).Merge(new KllSketch(100)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("k = 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantile_OutsideUnitInterval_ThrowsInvalidInput()
    {
        var sketch = new KllSketch();
        sketch.Add(1);

        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => sketch.Quantile(1.5)).Kind);
    }

    [Fact]
    public void FromJson_WeightsDisagreeWithCount_ThrowsInvalidInput()
    {
        const string Json = """{"k":200,"seed":0,"compactions":0,"count":5,"min":1,"max":2,"levels":[[1,2]]}""";

        var error = Assert.Throws<GyreException>(() => KllSketch.FromJson(Json, "test.json"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
    }
}
