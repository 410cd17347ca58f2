using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Reports;

namespace Gyre.Monitoring.Tests.Reports;

public sealed class ColumnDistributionsTests
{
    [Fact]
    public void FromFrames_NumericWithOutliers_CountsUnderAndOverflowAndSkipsMissing()
    {
        // Edges and in-range counts from numpy:
        //   r = np.arange(10.0); e = np.histogram_bin_edges(r, bins=5)  -> [0, 1.8, 3.6, 5.4, 7.2, 9]
        //   np.histogram(r, e)[0] -> [2 2 2 2 2]
        //   c = np.array([-5, 0, 4.5, 9, 12, 100.0]); np.histogram(c, e)[0] -> [1 0 1 0 1]; (c < 0).sum() -> 1; (c > 9).sum() -> 2
        double[] reference = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, double.NaN];
        double[] current = [-5, 0, 4.5, 9, 12, 100, double.NaN, double.PositiveInfinity];

        var distribution = Assert.Single(ColumnDistributions.FromFrames(
            Frame(new NumericColumn("x", reference)), Frame(new NumericColumn("x", current)), ["x"], numericBins: 5, maxCategories: 3));

        Assert.Equal(DriftColumnKind.Numerical, distribution.Kind);
        Assert.Equal(["< 0", "[0, 1.8)", "[1.8, 3.6)", "[3.6, 5.4)", "[5.4, 7.2)", "[7.2, 9]", "> 9"], distribution.BinLabels);
        Assert.Equal([0L, 2, 2, 2, 2, 2, 0], distribution.ReferenceCounts);
        Assert.Equal([1L, 1, 0, 1, 0, 1, 2], distribution.CurrentCounts);
    }

    [Fact]
    public void FromFrames_FewDistinctNumbers_OneBinPerValue()
    {
        var distribution = Assert.Single(ColumnDistributions.FromFrames(
            Frame(new NumericColumn("flag", [1, 1, 2.5, double.NaN])), Frame(new NumericColumn("flag", [2.5, 3])), ["flag"]));

        Assert.Equal(["1", "2.5", "3"], distribution.BinLabels);
        Assert.Equal([2L, 1, 0], distribution.ReferenceCounts);
        Assert.Equal([0L, 1, 1], distribution.CurrentCounts);
    }

    [Fact]
    public void FromFrames_ManyCategories_FoldsRarestIntoOther()
    {
        // Totals: a = 3, d = 3, b = 1, c = 1 (nulls not counted); ties break in ordinal order.
        var reference = new CategoricalColumn("city", ["a", "a", "b", "c", null]);
        var current = new CategoricalColumn("city", ["a", "d", "d", "d", null]);

        var distribution = Assert.Single(ColumnDistributions.FromFrames(Frame(reference), Frame(current), ["city"], maxCategories: 2));

        Assert.Equal(DriftColumnKind.Categorical, distribution.Kind);
        Assert.Equal(["a", "d", ColumnDistributions.OtherBin], distribution.BinLabels);
        Assert.Equal([2L, 0, 2], distribution.ReferenceCounts);
        Assert.Equal([1L, 3, 0], distribution.CurrentCounts);
    }

    [Fact]
    public void FromFrames_FewCategories_NoOtherBin()
    {
        var distribution = Assert.Single(ColumnDistributions.FromFrames(
            Frame(new CategoricalColumn("c", ["x", "y"])), Frame(new CategoricalColumn("c", ["y", null])), ["c"]));

        Assert.Equal(["y", "x"], distribution.BinLabels);
        Assert.Equal([1L, 1], distribution.ReferenceCounts);
        Assert.Equal([1L, 0], distribution.CurrentCounts);
    }

    [Fact]
    public void FromFrames_MissingMismatchedOrEmptyColumns_AreSkippedInRequestedOrder()
    {
        var reference = new MonitoredFrame([
            new NumericColumn("a", [1, 2]), new NumericColumn("only_ref", [1, 2]), new CategoricalColumn("kind", ["x", "y"]),
            new NumericColumn("all_nan", [double.NaN, double.NaN]), new NumericColumn("b", [5, 6])]);
        var current = new MonitoredFrame([
            new NumericColumn("b", [5]), new NumericColumn("a", [3]), new NumericColumn("kind", [1]),
            new NumericColumn("all_nan", [1]), new NumericColumn("only_cur", [1])]);

        var result = ColumnDistributions.FromFrames(reference, current, ["b", "only_ref", "kind", "all_nan", "only_cur", "a"]);

        Assert.Equal(["b", "a"], result.Select(d => d.Column));
        Assert.All(result, d => Assert.Equal(d.BinLabels.Count, d.ReferenceCounts.Count));
    }

    private static MonitoredFrame Frame(MonitoredColumn column) => new([column]);
}
