using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class CramerVonMisesTestTests
{
    // Expected: /usr/bin/python3 (scipy 1.10.1), x = sample(n1, ...), y = sample(n2, ...) as in SyntheticSample;
    //   res = scipy.stats.cramervonmises_2samp(x, y); (res.statistic, res.pvalue)   [method='auto']
    // Rows: exact without ties (10 vs 9); exact with ties, unequal (15 vs 12, twice); exact at the 20 × 20 boundary;
    // asymptotic with 21 vs 5; asymptotic with ties (40 vs 33, 60 vs 45 twice); larger (1500 vs 1200);
    // asymptotic with identical distributions (normalised statistic < 0.003, so p = 1).
    [Theory]
    [InlineData(10, 7, 3, 97, 10.0, 0.0, 9, 11, 5, 89, 10.0, 0.35, 0.07426900584795337, 0.7796769793673819)]
    [InlineData(15, 3, 1, 7, 1.0, 0.0, 12, 5, 2, 9, 1.0, 0.0, 0.1467592592592597, 0.42413273001508295)]
    [InlineData(15, 3, 1, 7, 1.0, 0.0, 12, 5, 2, 9, 1.0, 1.0, 0.40570987654321033, 0.07252969133437567)]
    [InlineData(20, 7, 3, 97, 10.0, 0.0, 20, 11, 5, 89, 10.0, 1.0, 0.1225000000000005, 0.5097597858685057)]
    [InlineData(21, 7, 3, 97, 10.0, 0.0, 5, 11, 5, 89, 10.0, 0.0, 0.11538461538461542, 0.5592335628530913)]
    [InlineData(40, 3, 1, 7, 1.0, 0.0, 33, 5, 2, 9, 1.0, 0.0, 0.31334319219593176, 0.1250029010400846)]
    [InlineData(60, 7, 3, 97, 10.0, 0.0, 45, 11, 5, 89, 10.0, 3.0, 1.3891402116402105, 0.00030175783292396563)]
    [InlineData(60, 7, 3, 97, 10.0, 0.0, 45, 11, 5, 89, 10.0, 1.5, 0.24276455026454968, 0.19955283480787334)]
    [InlineData(1500, 31, 7, 1009, 100.0, 0.0, 1200, 37, 1, 1013, 100.0, 0.3, 0.6362043827160164, 0.01822470490803607)]
    [InlineData(300, 13, 2, 50, 1.0, 0.0, 200, 17, 3, 50, 1.0, 0.0, 0.0027499999999918145, 1.0)]
    public void Compute_SyntheticSamples_MatchesScipy(
        int n1, int a1, int b1, int m1, double s1, double shift1,
        int n2, int a2, int b2, int m2, double s2, double shift2,
        double expectedStatistic, double expectedPValue)
    {
        var result = CramerVonMisesTest.Compute(
            SyntheticSample.Create(n1, a1, b1, m1, s1, shift1), SyntheticSample.Create(n2, a2, b2, m2, s2, shift2));

        Tolerance.AssertClose(expectedStatistic, result.Statistic);
        Tolerance.AssertClose(expectedPValue, result.PValue);
    }

    [Fact]
    public void Compute_DropsNonFiniteValues()
    {
        var clean = CramerVonMisesTest.Compute([1.0, 2.0, 3.0, 4.5], [2.5, 3.5, 6.0]);

        var dirty = CramerVonMisesTest.Compute([1.0, double.NaN, 2.0, 3.0, double.PositiveInfinity, 4.5], [2.5, double.NegativeInfinity, 3.5, 6.0]);

        Assert.Equal(clean, dirty);
    }

    [Fact]
    public void Compute_OneValueOnASide_Throws()
    {
        var error = Assert.Throws<GyreException>(() => CramerVonMisesTest.Compute([1.0, 2.0, 3.0], [2.0, double.NaN]));

        Assert.Contains("at least two", error.Message, StringComparison.Ordinal);
    }
}
