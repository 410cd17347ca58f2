using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class KolmogorovDistributionTests
{
    // Expected: /usr/bin/python3 -c "from scipy import stats; print(repr(stats.kstwo.sf(x, n)))" (scipy 1.10).
    // The points cover every branch of scipy's _kolmogn: Ruben-Gambino ends, 2*smirnov (x >= 0.5 and
    // n*x^2 >= 2.2), Durbin matrix, Pomeranz (n <= 140) and Pelz-Good (n > 100000).
    [Theory]
    [InlineData(10, 0.07, 0.9999999619492741)]
    [InlineData(10, 0.99, 2.0000000000000176e-20)]
    [InlineData(10, 0.95, 1.9531250000000172e-13)]
    [InlineData(10, 0.6, 0.0005681672000000003)]
    [InlineData(10, 0.2, 0.7487190399999999)]
    [InlineData(100, 0.05, 0.9532159710635725)]
    [InlineData(100, 0.1, 0.2526927570063874)]
    [InlineData(100, 0.25, 5.408871776434847e-06)]
    [InlineData(100, 0.4, 5.947617451361663e-15)]
    [InlineData(1000, 0.02, 0.8108971656895577)]
    [InlineData(1000, 0.06, 0.001428597887952891)]
    [InlineData(1000, 0.2, 1.5528629204250538e-35)]
    [InlineData(200000, 0.001, 0.9881500208855729)]
    [InlineData(200000, 0.004, 0.003314212822560255)]
    [InlineData(200000, 5e-06, 1.0)]
    [InlineData(1000, 0.0009, 1.0)]
    [InlineData(1000, 0.01, 0.9999496745370611)]
    [InlineData(2000, 0.007, 0.99996406321293)]
    [InlineData(150, 0.03, 0.9987216606128891)]
    public void SurvivalFunction_Branches_MatchScipyKstwoSf(int n, double x, double expected) =>
        Tolerance.AssertClose(expected, KolmogorovDistribution.SurvivalFunction(n, x));
}
