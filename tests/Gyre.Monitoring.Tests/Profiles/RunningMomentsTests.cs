using Gyre.Core;
using Gyre.Monitoring.Profiles;

namespace Gyre.Monitoring.Tests.Profiles;

public sealed class RunningMomentsTests
{
    [Fact]
    public void Variance_KnownValues_MatchNumpy()
    {
        // np.var([2, 4, 4, 4, 5, 5, 7, 9]) = 4.0; np.var(..., ddof=1) = 32/7 (numpy definitions).
        var moments = new RunningMoments();
        foreach (var value in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 })
        {
            moments.Add(value);
        }

        Assert.Equal(5.0, moments.Mean);
        Assert.Equal(4.0, moments.Variance(), 12);
        Assert.Equal(32.0 / 7.0, moments.Variance(1), 12);
        Assert.Equal(2.0, moments.Min);
        Assert.Equal(9.0, moments.Max);
    }

    [Theory]
    [InlineData(SketchSamples.Normal, 1, 1000.0)]
    [InlineData(SketchSamples.Pareto, 2, 0.0)]
    [InlineData(SketchSamples.Uniform, 3, -5.0)]
    public void Merge_TwentyFourChunks_EqualsOnePassOnConcatenation(string distribution, int seed, double shift)
    {
        var values = SketchSamples.Create(distribution, 240_000, seed, shift);
        var onePass = new RunningMoments();
        foreach (var value in values)
        {
            onePass.Add(value);
        }

        var merged = new RunningMoments();
        for (var part = 0; part < 24; part++)
        {
            var chunk = new RunningMoments();
            foreach (var value in values.AsSpan(part * 10_000, 10_000))
            {
                chunk.Add(value);
            }

            merged.Merge(chunk);
        }

        Assert.Equal(onePass.Count, merged.Count);
        AssertRelative(onePass.Mean, merged.Mean, 1e-12);
        AssertRelative(onePass.M2, merged.M2, 1e-12);
        AssertRelative(onePass.Variance(1), merged.Variance(1), 1e-12);
        Assert.Equal(onePass.Min, merged.Min);
        Assert.Equal(onePass.Max, merged.Max);

        // And both agree with the two-pass definition.
        var mean = values.Average();
        var m2 = values.Sum(v => (v - mean) * (v - mean));
        AssertRelative(m2, merged.M2, 1e-10);
    }

    [Fact]
    public void Merge_WithEmpty_KeepsValues()
    {
        var moments = new RunningMoments();
        moments.Add(3);
        moments.Add(5);
        var empty = new RunningMoments();

        empty.Merge(moments);
        moments.Merge(new RunningMoments());

        Assert.Equal(4.0, empty.Mean);
        Assert.Equal(2.0, empty.M2);
        Assert.Equal(2, moments.Count);
    }

    [Fact]
    public void Variance_TooFewValues_IsNaN()
    {
        var moments = new RunningMoments();
        moments.Add(1);

        Assert.Equal(0.0, moments.Variance());
        Assert.True(double.IsNaN(moments.Variance(1)));
        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => moments.Variance(2)).Kind);
    }

    [Fact]
    public void FromJson_RoundTrip_SameMoments()
    {
        var moments = new RunningMoments();
        moments.Add(1.5);
        moments.Add(-2.25);
        moments.Add(double.NaN);

        var restored = RunningMoments.FromJson(moments.ToJson());

        Assert.Equal(moments.Count, restored.Count);
        Assert.Equal(moments.Mean, restored.Mean);
        Assert.Equal(moments.M2, restored.M2);
        Assert.Equal(moments.Min, restored.Min);
        Assert.Equal(moments.Max, restored.Max);
        Assert.Equal(0, RunningMoments.FromJson(new RunningMoments().ToJson()).Count);
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        var error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= tolerance, $"expected {expected:R}, got {actual:R} (relative {error:E2})");
    }
}
