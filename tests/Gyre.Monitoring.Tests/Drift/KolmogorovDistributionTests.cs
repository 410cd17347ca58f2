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

    // Expected: /usr/bin/python3 -c "from scipy.special import smirnov; print(repr(smirnov(n, x)))" (scipy 1.10.1).
    // The first six are the benchmark's cases (bench/monitoring, ks_2samp's kstwo.sf = 2*smirnov(en, D) with
    // en = round(n1*n2/(n1+n2))): failed_logins_24h at 1M rows (500000, 0.017275999999999958) was off by
    // 4e-9 with a plain log-space sum; is_foreign at 100k by 1.3e-10. The rest cover scipy's special cases
    // (x <= 1/n, x >= 1 - 1/n, n > 1e6 approximation, underflow to 0) and small n.
    [Theory]
    [InlineData(500000, 0.017275999999999958, 2.3272840566861523e-130)]
    [InlineData(50000, 0.016900000000000026, 3.8948395134804154e-13)]
    [InlineData(50000, 0.07982, 7.689066976848311e-278)]
    [InlineData(50000, 0.07987, 3.452316734493558e-278)]
    [InlineData(50000, 0.06691, 2.2708157732482013e-195)]
    [InlineData(50000, 0.05557000000000001, 6.04076400052796e-135)]
    [InlineData(1000, 0.06, 0.0007142989439764456)]
    [InlineData(1000, 0.2, 7.764314602125269e-36)]
    [InlineData(100, 0.4, 2.9738087256808315e-15)]
    [InlineData(100, 0.25, 2.7044358882174237e-06)]
    [InlineData(10, 0.6, 0.0002840836000000002)]
    [InlineData(141, 0.2, 1.0138392111988456e-05)]
    [InlineData(20000, 0.03, 2.258165019335496e-16)]
    [InlineData(100, 0.005, 0.9918076194422063)]
    [InlineData(100, 0.0123, 0.9622842393321864)]
    [InlineData(100, 0.995, 7.888609052210818e-231)]
    [InlineData(2000000, 0.001, 0.018303432023617325)]
    [InlineData(1000001, 0.0015, 0.011097842537398537)]
    [InlineData(7, 0.5, 0.019195870768132325)]
    [InlineData(1000, 0.5916079783099616, 0.0)]
    public void SmirnovSurvival_Cases_MatchScipySmirnov(int n, double x, double expected) =>
        Tolerance.AssertClose(expected, KolmogorovDistribution.SmirnovSurvival(n, x));
}
