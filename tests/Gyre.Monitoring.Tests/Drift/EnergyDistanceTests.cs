using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class EnergyDistanceTests
{
    // Expected: /usr/bin/python3 (scipy 1.10.1), x = sample(n1, ...), y = sample(n2, ...) as in SyntheticSample;
    //   scipy.stats.energy_distance(x, y)
    // Rows: no ties; ties within and across samples; unequal sizes; large; identical distributions (exactly 0).
    [Theory]
    [InlineData(10, 7, 3, 97, 10.0, 0.0, 9, 11, 5, 89, 10.0, 0.35, 0.5222222222222221)]
    [InlineData(15, 3, 1, 7, 1.0, 0.0, 12, 5, 2, 9, 1.0, 0.0, 0.6164414002968978)]
    [InlineData(21, 7, 3, 97, 10.0, 0.0, 5, 11, 5, 89, 10.0, 0.0, 0.7470577207252719)]
    [InlineData(60, 7, 3, 97, 10.0, 0.0, 45, 11, 5, 89, 10.0, 3.0, 1.0503703050723483)]
    [InlineData(50, 7, 3, 97, 10.0, 0.0, 70, 11, 5, 89, 10.0, 0.5, 0.13274496031788155)]
    [InlineData(1500, 31, 7, 1009, 100.0, 0.0, 1200, 37, 1, 1013, 100.0, 0.3, 0.13987840354314096)]
    [InlineData(300, 13, 2, 50, 1.0, 0.0, 200, 17, 3, 50, 1.0, 0.0, 0.0)]
    public void Compute_SyntheticSamples_MatchesScipy(
        int n1, int a1, int b1, int m1, double s1, double shift1,
        int n2, int a2, int b2, int m2, double s2, double shift2,
        double expected)
    {
        var distance = EnergyDistance.Compute(
            SyntheticSample.Create(n1, a1, b1, m1, s1, shift1), SyntheticSample.Create(n2, a2, b2, m2, s2, shift2));

        Tolerance.AssertClose(expected, distance);
    }

    [Fact]
    public void Compute_SinglePoints_MatchesScipyDocExample()
    {
        // scipy.stats.energy_distance([0], [2]) == 2.0000000000000004 (scipy 1.10.1 docstring)
        Tolerance.AssertClose(2.0000000000000004, EnergyDistance.Compute([0.0], [2.0]));
    }

    [Fact]
    public void Compute_EmptySample_Throws()
    {
        Assert.Throws<GyreException>(() => EnergyDistance.Compute([1.0], [double.NaN]));
    }
}
