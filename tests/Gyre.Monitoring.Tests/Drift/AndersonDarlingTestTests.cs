using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class AndersonDarlingTestTests
{
    // Expected: /usr/bin/python3 (scipy 1.10.1), x = sample(n1, ...), y = sample(n2, ...) as in SyntheticSample;
    //   res = scipy.stats.anderson_ksamp([x, y]); (res.statistic, res.pvalue)   [midrank=True]
    // Rows with p strictly inside (0.001, 0.25) exercise scipy's quadratic fit of log(significance); the last two
    // rows hit the cap (0.25) and the floor (0.001). Most samples have ties within and across samples.
    [Theory]
    [InlineData(12, 7, 3, 97, 10.0, 0.0, 9, 11, 5, 89, 10.0, 2.0, 0.44995215021985, 0.21702566513694915)]
    [InlineData(15, 3, 1, 7, 1.0, 0.0, 12, 5, 2, 9, 1.0, 1.0, 2.453333369236959, 0.03200847234188417)]
    [InlineData(40, 3, 1, 7, 1.0, 0.0, 33, 5, 2, 9, 1.0, 0.0, 2.040183321885133, 0.046935052294305855)]
    [InlineData(60, 7, 3, 97, 10.0, 0.0, 45, 11, 5, 89, 10.0, 1.5, 0.9881618485125312, 0.12792750736695138)]
    [InlineData(200, 13, 2, 50, 1.0, 0.0, 150, 17, 3, 50, 1.0, 3.0, 2.18460339100058, 0.04102821857404155)]
    [InlineData(500, 13, 2, 50, 1.0, 0.0, 400, 17, 3, 47, 1.0, 2.0, 0.6165069615161609, 0.18407127566369044)]
    [InlineData(1500, 31, 7, 1009, 100.0, 0.0, 1200, 37, 1, 1013, 100.0, 0.15, 1.35830033006186, 0.08948630891084691)]
    [InlineData(10, 7, 3, 97, 10.0, 0.0, 9, 11, 5, 89, 10.0, 0.35, -0.6739839159087881, 0.25)]
    [InlineData(60, 7, 3, 97, 10.0, 0.0, 45, 11, 5, 89, 10.0, 3.0, 9.697283352759992, 0.001)]
    public void Compute_SyntheticSamples_MatchesScipy(
        int n1, int a1, int b1, int m1, double s1, double shift1,
        int n2, int a2, int b2, int m2, double s2, double shift2,
        double expectedStatistic, double expectedPValue)
    {
        var result = AndersonDarlingTest.Compute(
            SyntheticSample.Create(n1, a1, b1, m1, s1, shift1), SyntheticSample.Create(n2, a2, b2, m2, s2, shift2));

        Tolerance.AssertClose(expectedStatistic, result.Statistic);
        Tolerance.AssertClose(expectedPValue, result.PValue);
    }

    [Fact]
    public void Compute_OneDistinctValue_Throws()
    {
        var error = Assert.Throws<GyreException>(() => AndersonDarlingTest.Compute([2.0, 2.0, 2.0], [2.0, 2.0]));

        Assert.Contains("distinct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_EmptySample_Throws()
    {
        Assert.Throws<GyreException>(() => AndersonDarlingTest.Compute([1.0, 2.0, 3.0, 4.0], [double.NaN]));
    }
}
