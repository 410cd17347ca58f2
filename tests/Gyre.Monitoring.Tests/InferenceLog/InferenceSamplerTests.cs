using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Monitoring.Tests.InferenceLog;

public sealed class InferenceSamplerTests
{
    private static IEnumerable<string> Guids(int count) => Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString());

    private static IEnumerable<string> Sequential(int count) => Enumerable.Range(0, count).Select(i => "req-" + i.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void ShouldLog_RateZero_LogsNothing()
    {
        var sampler = new InferenceSampler(0);

        Assert.DoesNotContain(Guids(10_000), sampler.ShouldLog);
    }

    [Fact]
    public void ShouldLog_RateOne_LogsEverything()
    {
        var sampler = new InferenceSampler(1);

        Assert.All(Guids(10_000).Append(""), id => Assert.True(sampler.ShouldLog(id)));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.01)]
    public void ShouldLog_RandomIds_KeepsAboutTheRate(double rate)
    {
        var sampler = new InferenceSampler(rate, seed: 7);

        var kept = Guids(100_000).Count(sampler.ShouldLog);

        // Binomial(100000, rate): the bounds are over 10 standard deviations wide at these rates.
        Assert.InRange(kept, 100_000 * rate * 0.85, 100_000 * rate * 1.15);
    }

    [Fact]
    public void ShouldLog_SequentialIds_KeepsAboutTheRate()
    {
        var sampler = new InferenceSampler(0.1);

        Assert.InRange(Sequential(100_000).Count(sampler.ShouldLog), 9_000, 11_000);
    }

    [Fact]
    public void ShouldLog_SameIdAndSeed_SameDecisionInAnotherSampler()
    {
        var ids = Sequential(10_000).ToList();
        var first = new InferenceSampler(0.3, seed: 42);
        var second = new InferenceSampler(0.3, seed: 42);

        Assert.Equal(ids.Select(first.ShouldLog), ids.Select(second.ShouldLog));
        Assert.Equal(ids.Select(first.ShouldLog), ids.Select(first.ShouldLog));
    }

    [Fact]
    public void ShouldLog_AnotherSeed_PicksAnotherSubset()
    {
        var ids = Sequential(10_000).ToList();

        var withSeed1 = ids.Where(new InferenceSampler(0.5, seed: 1).ShouldLog).ToHashSet();
        var withSeed2 = ids.Where(new InferenceSampler(0.5, seed: 2).ShouldLog).ToHashSet();

        // Independent halves overlap in about a quarter of the ids.
        Assert.InRange(withSeed1.Intersect(withSeed2).Count(), 2_000, 3_000);
    }

    [Fact]
    public void ShouldLog_HigherRateSameSeed_KeepsEveryIdTheLowerRateKept()
    {
        var ids = Sequential(10_000).ToList();

        var low = ids.Where(new InferenceSampler(0.1, seed: 3).ShouldLog);
        var high = ids.Where(new InferenceSampler(0.4, seed: 3).ShouldLog).ToHashSet();

        Assert.All(low, id => Assert.Contains(id, high));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_RateOutsideZeroToOne_InvalidInputNamingIt(double rate)
    {
        var error = Assert.Throws<GyreException>(() => new InferenceSampler(rate));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'sample_rate'", error.Message, StringComparison.Ordinal);
    }
}
