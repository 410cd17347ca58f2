using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class HellingerDistanceTests
{
    [Fact]
    public void Compute_Shares_MatchesEvidentlyFormula()
    {
        // np.sqrt(1 - np.clip(np.sum(np.sqrt(p*q)), 0, 1)) with p = [0.1, 0.2, 0.7], q = [0.3, 0.3, 0.4] (numpy, /usr/bin/python3)
        Tolerance.AssertClose(0.22955540235829, HellingerDistance.Compute([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]));
    }

    [Fact]
    public void Compute_DisjointSupports_IsOne()
    {
        Assert.Equal(1.0, HellingerDistance.Compute([1.0, 0.0], [0.0, 1.0]));
    }

    [Fact]
    public void Compute_IdenticalShares_IsZero()
    {
        Assert.Equal(0.0, HellingerDistance.Compute([0.25, 0.25, 0.5], [0.25, 0.25, 0.5]));
    }

    [Fact]
    public void Compute_LengthsDiffer_Throws()
    {
        Assert.Throws<ArgumentException>(() => HellingerDistance.Compute([0.5, 0.5], [1.0]));
    }
}
