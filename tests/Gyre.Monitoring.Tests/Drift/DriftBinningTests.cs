using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class DriftBinningTests
{
    // Expected values: /usr/bin/python3 (numpy/scipy 1.10), with sample() as in SyntheticSample:
    //   r = sample(400, 31, 7, 1009, 100.0, 0.0); c = sample(600, 37, 1, 1013, 100.0, 1.5)
    //   edges = np.histogram_bin_edges(r, bins=7)
    //   rc = [0] + np.histogram(r, bins=edges)[0] + [0]
    //   cc = [(c < edges[0]).sum()] + np.histogram(c, bins=edges)[0] + [(c > edges[-1]).sum()]
    //   js = distance.jensenshannon(rc/rc.sum(), cc/cc.sum())
    //   fill(p): m = p[p != 0].min(); np.place(p, p == 0, m/10**6 if m <= 0.0001 else 0.0001)
    //   psi = np.sum((fr - fc) * np.log(fr / fc)); kl = stats.entropy(fr, fc)   # fr, fc = fill(shares)
    [Fact]
    public void EqualWidth_SyntheticSamples_MatchesNumpyHistogramAndScipyDistances()
    {
        var reference = SyntheticSample.Create(400, 31, 7, 1009, 100.0, 0.0);
        var current = SyntheticSample.Create(600, 37, 1, 1013, 100.0, 1.5);

        var binning = DriftBinning.EqualWidth(reference, 7);
        var referenceCounts = binning.Count(reference);
        var currentCounts = binning.Count(current);

        double[] expectedEdges = [0.01, 1.4471428571428573, 2.8842857142857143, 4.321428571428571, 5.758571428571429, 7.195714285714287, 8.632857142857143, 10.07];
        Assert.Equal(expectedEdges, binning.Edges);
        Assert.Equal([0L, 61, 61, 55, 55, 56, 56, 56, 0], referenceCounts);
        Assert.Equal([0L, 0, 83, 86, 85, 86, 86, 85, 89], currentCounts);
        var referenceShares = DriftBinning.Shares(referenceCounts);
        var currentShares = DriftBinning.Shares(currentCounts);
        Tolerance.AssertClose(0.3232667459140803, JensenShannonDistance.Compute(referenceShares, currentShares));
        Tolerance.AssertClose(2.2013852098367477, PopulationStabilityIndex.Compute(referenceShares, currentShares));
        Tolerance.AssertClose(1.1136392619227047, PopulationStabilityIndex.KullbackLeibler(referenceShares, currentShares));
    }

    [Fact]
    public void EqualWidth_HonoursRequestedBinCount()
    {
        var binning = DriftBinning.EqualWidth(SyntheticSample.Create(100, 7, 3, 97, 10.0, 0.0), 23);

        Assert.Equal(24, binning.Edges.Count);
        Assert.Equal(25, binning.BinCount);
    }

    [Fact]
    public void EqualWidth_ConstantReference_WidensByHalf()
    {
        var binning = DriftBinning.EqualWidth([3.0, 3.0, double.NaN], 2);

        Assert.Equal([2.5, 3.0, 3.5], binning.Edges);
        Assert.Equal([1L, 0, 2, 1], binning.Count([2.0, 3.0, 3.5, 3.6, double.NaN]));
    }

    [Fact]
    public void EqualWidth_NoFiniteReference_ThrowsInvalidInput()
    {
        var error = Assert.Throws<GyreException>(() => DriftBinning.EqualWidth([double.NaN], 5));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Count_Categories_PutsUnseenInNewCategoryBinAndReportsThem()
    {
        string?[] reference = ["b", "a", "a", null, "c"];
        string?[] current = ["a", "d", "e", "d", null];

        var binning = DriftBinning.FromCategories(reference);

        Assert.Equal(["a", "b", "c"], binning.Categories);
        Assert.Equal([1L, 0, 0, 3], binning.Count(current));
        Assert.Equal(["d", "e"], binning.NewCategories(current));
    }
}
