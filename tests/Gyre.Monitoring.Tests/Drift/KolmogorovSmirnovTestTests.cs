using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class KolmogorovSmirnovTestTests
{
    // Expected statistic and p-value: /usr/bin/python3 (Debian scipy 1.10), for each row
    //   r = sample(n1, a1, b1, m1, s1, shift1); c = sample(n2, a2, b2, m2, s2, shift2)
    //   res = scipy.stats.ks_2samp(r, c)   # default method='auto'
    // with sample(n, a, b, m, s, shift) = np.array([((i*a + b) % m) / s + shift for i in range(n)], dtype=float).
    // Rows with max(n1, n2) <= 10000 take scipy's exact path (equal and unequal sizes); the others its
    // asymptotic kstwo.sf(D, round(n1*n2/(n1+n2))) path.
    [Theory]
    [InlineData(50, 7, 3, 97, 10.0, 0.0, 50, 11, 5, 89, 10.0, 0.5, 0.08, 0.9977109764909107)]
    [InlineData(40, 7, 3, 97, 10.0, 0.0, 65, 13, 1, 83, 10.0, 0.3, 0.1, 0.9399041923289289)]
    [InlineData(300, 17, 2, 211, 20.0, 0.0, 450, 19, 4, 199, 20.0, 0.2, 0.043333333333333335, 0.8777650571128799)]
    [InlineData(1000, 31, 7, 1009, 100.0, 0.0, 1000, 37, 1, 1013, 100.0, 0.4, 0.046, 0.24068202486600215)]
    [InlineData(999, 31, 7, 1009, 100.0, 0.0, 10000, 37, 1, 1013, 100.0, 0.05, 0.014606706706706706, 0.9885949737103661)]
    [InlineData(800, 31, 7, 1009, 100.0, 0.0, 20000, 37, 1, 1013, 100.0, 0.3, 0.04359999999999997, 0.10433592135175418)]
    [InlineData(800, 31, 7, 1009, 100.0, 0.0, 20000, 37, 1, 1013, 100.0, 0.0, 0.013999999999999901, 0.9977483467904611)]
    [InlineData(100, 31, 7, 1009, 100.0, 0.0, 12000, 37, 1, 1013, 100.0, 0.2, 0.0505, 0.9512758661317823)]
    [InlineData(20000, 31, 7, 10007, 100.0, 0.0, 30000, 37, 1, 10009, 100.0, 0.01, 0.0007333333333333636, 1.0)]
    [InlineData(5, 1, 0, 7, 1.0, 0.0, 6, 1, 3, 7, 1.0, 0.0, 0.3333333333333333, 0.8181818181818182)]
    [InlineData(60, 7, 3, 97, 10.0, 0.0, 45, 11, 5, 89, 10.0, 3.0, 0.35, 0.00276839367841739)]
    [InlineData(70, 7, 3, 97, 10.0, 0.0, 70, 11, 5, 89, 10.0, 2.5, 0.2571428571428571, 0.019181749225555888)]
    [InlineData(500, 31, 7, 1009, 100.0, 0.0, 15000, 37, 1, 1013, 100.0, 0.8, 0.09933333333333333, 0.00013087418021059068)]
    [InlineData(30, 31, 7, 1009, 100.0, 0.0, 15000, 37, 1, 1013, 100.0, 4.0, 0.49939999999999996, 1.9243064144909378e-07)]
    [InlineData(900, 31, 7, 1009, 100.0, 0.0, 15000, 37, 1, 1013, 100.0, 2.0, 0.20937777777777777, 3.95727502342257e-33)]
    [InlineData(7, 3, 1, 11, 1.0, 0.0, 13, 5, 2, 17, 1.0, 4.0, 0.5494505494505495, 0.09411764705882353)]
    [InlineData(25, 3, 1, 11, 1.0, 0.0, 25, 5, 2, 17, 1.0, 6.0, 0.68, 8.494202585197998e-06)]
    [InlineData(120, 13, 1, 101, 10.0, 0.0, 77, 17, 2, 103, 10.0, 1.5, 0.19437229437229436, 0.04866715180738169)]
    [InlineData(3000, 31, 7, 1009, 100.0, 0.0, 7000, 37, 1, 1013, 100.0, 0.3, 0.03447619047619047, 0.013284180333844861)]
    [InlineData(2500, 31, 7, 1009, 100.0, 0.0, 2500, 37, 1, 1013, 100.0, 1.0, 0.1044, 2.8053596161033606e-12)]
    [InlineData(10000, 31, 7, 1009, 100.0, 0.0, 9999, 37, 1, 1013, 100.0, 0.1, 0.014021612161216121, 0.27646101694298236)]
    [InlineData(333, 31, 7, 1009, 100.0, 0.0, 334, 37, 1, 1013, 100.0, 0.0, 0.008271744798690906, 1.0)]
    [InlineData(200, 7, 3, 97, 10.0, 0.0, 200, 7, 3, 97, 10.0, 0.0, 0.0, 1.0)]
    [InlineData(1000, 31, 7, 1009, 100.0, 0.0, 50000, 37, 1, 1013, 100.0, 0.1, 0.019279999999999964, 0.8524500477171714)]
    [InlineData(1000, 31, 7, 1009, 100.0, 0.0, 50000, 37, 1, 1013, 100.0, 0.02, 0.011399999999999966, 0.9994350534944343)]
    [InlineData(150000, 31, 7, 100003, 1000.0, 0.0, 120000, 37, 1, 100019, 1000.0, 0.3, 0.004028333333333356, 0.22884320850650774)]
    [InlineData(150000, 31, 7, 100003, 1000.0, 0.0, 120000, 37, 1, 100019, 1000.0, 0.9, 0.009973333333333279, 3.4534590226644248e-06)]
    public void Compute_SyntheticSamples_MatchesScipyKs2samp(
        int n1, int a1, int b1, int m1, double s1, double shift1,
        int n2, int a2, int b2, int m2, double s2, double shift2,
        double expectedStatistic, double expectedPValue)
    {
        var reference = SyntheticSample.Create(n1, a1, b1, m1, s1, shift1);
        var current = SyntheticSample.Create(n2, a2, b2, m2, s2, shift2);

        var result = KolmogorovSmirnovTest.Compute(reference, current);

        Tolerance.AssertClose(expectedStatistic, result.Statistic);
        Tolerance.AssertClose(expectedPValue, result.PValue);
    }

    [Fact]
    public void Compute_MissingAndInfiniteValues_AreDropped()
    {
        var reference = SyntheticSample.Create(60, 7, 3, 97, 10.0, 0.0);
        var current = SyntheticSample.Create(45, 11, 5, 89, 10.0, 3.0);
        var withGaps = current.Concat([double.NaN, double.PositiveInfinity, double.NegativeInfinity]).ToArray();

        Assert.Equal(KolmogorovSmirnovTest.Compute(reference, current), KolmogorovSmirnovTest.Compute(reference, withGaps));
    }

    [Fact]
    public void Compute_EmptyCurrent_ThrowsInvalidInput()
    {
        var error = Assert.Throws<GyreException>(() => KolmogorovSmirnovTest.Compute([1.0, 2.0], [double.NaN]));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }
}
