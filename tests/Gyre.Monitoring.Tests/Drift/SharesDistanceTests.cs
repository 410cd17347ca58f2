using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class SharesDistanceTests
{
    // Expected: /usr/bin/python3 (scipy 1.10), rc/cc the counts below, rp = rc/rc.sum(), cp = cc/cc.sum():
    //   js = distance.jensenshannon(rp, cp)
    //   fill(p): m = p[p != 0].min(); np.place(p, p == 0, m/10**6 if m <= 0.0001 else 0.0001)
    //   psi = np.sum((fill(rp) - fill(cp)) * np.log(fill(rp) / fill(cp))); kl = stats.entropy(fill(rp), fill(cp))
    // The second row has a share below 1e-4, so its zeros are filled with min/1e6.
    [Theory]
    [InlineData(new long[] { 5, 3, 2, 0 }, new long[] { 2, 4, 0, 3 }, 0.46829564211200764, 4.504549801632746, 1.8067409766777003)]
    [InlineData(new long[] { 999990, 10, 0 }, new long[] { 500000, 499999, 1 }, 0.4644399667785793, 5.756342296358516, 0.6930220512432363)]
    public void Distances_Counts_MatchScipy(long[] referenceCounts, long[] currentCounts, double js, double psi, double kl)
    {
        var reference = DriftBinning.Shares(referenceCounts);
        var current = DriftBinning.Shares(currentCounts);

        Tolerance.AssertClose(js, JensenShannonDistance.Compute(reference, current));
        Tolerance.AssertClose(psi, PopulationStabilityIndex.Compute(reference, current));
        Tolerance.AssertClose(kl, PopulationStabilityIndex.KullbackLeibler(reference, current));
    }

    [Fact]
    public void JensenShannon_IdenticalShares_IsZero() =>
        Assert.Equal(0.0, JensenShannonDistance.Compute([0.2, 0.8], [0.2, 0.8]));
}
