using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class WassersteinDistanceTests
{
    // Expected: /usr/bin/python3 (scipy 1.10), r = sample(n1, ...), c = sample(n2, ...) as in SyntheticSample;
    //   w = scipy.stats.wasserstein_distance(r, c); normed = w / max(np.std(r), 0.001)
    // The last row has a constant reference, so the 0.001 floor applies.
    [Theory]
    [InlineData(50, 7, 3, 97, 10.0, 0.0, 70, 11, 5, 89, 10.0, 0.5, 0.25228571428571445, 0.09156858050724571)]
    [InlineData(1500, 31, 7, 1009, 100.0, 0.0, 2500, 37, 1, 1013, 50.0, -1.0, 4.1686293333333335, 1.4290594238310814)]
    [InlineData(10, 1, 0, 1, 1.0, 2.0, 5, 3, 1, 7, 1.0, 0.0, 2.0, 2000.0)]
    public void Compute_SyntheticSamples_MatchesScipy(
        int n1, int a1, int b1, int m1, double s1, double shift1,
        int n2, int a2, int b2, int m2, double s2, double shift2,
        double expectedDistance, double expectedNormed)
    {
        var reference = SyntheticSample.Create(n1, a1, b1, m1, s1, shift1);
        var current = SyntheticSample.Create(n2, a2, b2, m2, s2, shift2);

        Tolerance.AssertClose(expectedDistance, WassersteinDistance.Compute(reference, current));
        Tolerance.AssertClose(expectedNormed, WassersteinDistance.ComputeNormed(reference, current));
    }
}
