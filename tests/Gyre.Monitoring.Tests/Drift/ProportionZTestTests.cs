using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class ProportionZTestTests
{
    // Expected: Evidently's formula evaluated with /usr/bin/python3 (scipy 1.10):
    //   p1 = r1/n1; p2 = r2/n2; P = (p1*n1 + p2*n2)/(n1+n2)
    //   z = (p1-p2)/np.sqrt(P*(1-P)*(1.0/n1+1.0/n2)); p = 2*(1-stats.norm.cdf(np.abs(z)))
    [Theory]
    [InlineData(30, 100, 45, 120, -1.1685534824642432, 0.2425835793483211)]
    [InlineData(500, 1000, 480, 900, -1.4516765083876075, 0.14659157419685243)]
    [InlineData(0, 50, 3, 40, -1.9695964928958383, 0.04888463391618103)]
    [InlineData(7, 7, 2, 9, 3.111111111111111, 0.0018638479350299164)]
    public void Compute_Counts_MatchesEvidentlyFormula(long r1, long n1, long r2, long n2, double expectedZ, double expectedPValue)
    {
        var result = ProportionZTest.Compute(r1, n1, r2, n2);

        Tolerance.AssertClose(expectedZ, result.Statistic);
        Tolerance.AssertClose(expectedPValue, result.PValue);
    }

    [Theory]
    [InlineData(0, 10, 0, 20)]
    [InlineData(10, 10, 20, 20)]
    public void Compute_BothConstantAndEqual_PValueIsOne(long r1, long n1, long r2, long n2) =>
        Assert.Equal(1.0, ProportionZTest.Compute(r1, n1, r2, n2).PValue);
}
