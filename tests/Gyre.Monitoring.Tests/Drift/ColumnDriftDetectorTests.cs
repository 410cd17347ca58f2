using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class ColumnDriftDetectorTests
{
    [Fact]
    public void Detect_SmallNumeric_UsesKsWithScipyPValue()
    {
        // p: scipy.stats.ks_2samp(sample(60, 7, 3, 97, 10.0, 0.0), sample(45, 11, 5, 89, 10.0, 3.0)).pvalue (scipy 1.10)
        var result = ColumnDriftDetector.Detect(
            SyntheticSample.Create(60, 7, 3, 97, 10.0, 0.0), SyntheticSample.Create(45, 11, 5, 89, 10.0, 3.0));

        Assert.Equal(DriftMethod.KolmogorovSmirnov, result.Method);
        Assert.Equal(DriftStatus.Tested, result.Status);
        Tolerance.AssertClose(0.00276839367841739, result.Score!.Value);
        Assert.True(result.Drifted);
        Assert.Equal(0.05, result.Threshold);
    }

    [Fact]
    public void Detect_LargeNumeric_UsesNormedWasserstein()
    {
        // score: scipy.stats.wasserstein_distance(r, c) / max(np.std(r), 0.001) with
        // r = sample(1500, 31, 7, 1009, 100.0, 0.0), c = sample(2500, 37, 1, 1013, 50.0, -1.0) (scipy 1.10)
        var result = ColumnDriftDetector.Detect(
            SyntheticSample.Create(1500, 31, 7, 1009, 100.0, 0.0), SyntheticSample.Create(2500, 37, 1, 1013, 50.0, -1.0));

        Assert.Equal(DriftMethod.Wasserstein, result.Method);
        Tolerance.AssertClose(1.4290594238310814, result.Score!.Value);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Detect_NumericWithThreeValues_UsesChiSquareOverValueCounts()
    {
        // p: stats.chisquare([25, 40, 45], [30*1.1, 50*1.1, 20*1.1]).pvalue (scipy 1.10)
        var reference = Repeat((0.0, 30), (1.0, 50), (2.0, 20));
        var current = Repeat((0.0, 25), (1.0, 40), (2.0, 45));

        var result = ColumnDriftDetector.Detect(reference, current);

        Assert.Equal(DriftMethod.ChiSquare, result.Method);
        Tolerance.AssertClose(2.9453182125897425e-07, result.Score!.Value);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Detect_BinaryNumeric_UsesZTest()
    {
        // p: Evidently's z formula with (r1, n1, r2, n2) = (30, 100, 45, 120), 2*(1-stats.norm.cdf(abs(z))) (scipy 1.10)
        var result = ColumnDriftDetector.Detect(Repeat((0.0, 70), (1.0, 30)), Repeat((0.0, 75), (1.0, 45)));

        Assert.Equal(DriftMethod.ProportionZ, result.Method);
        Tolerance.AssertClose(0.2425835793483211, result.Score!.Value);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Detect_LargeCategorical_UsesJensenShannonAndReportsNewCategory()
    {
        // score: distance.jensenshannon([5, 3, 2, 0]/10, [2, 4, 0, 3]/9) (scipy 1.10); categories a, b, c, d
        var reference = Categories(("a", 5000), ("b", 3000), ("c", 2000));
        var current = Categories(("a", 200), ("b", 400), ("d", 300));

        var result = ColumnDriftDetector.Detect(reference, current);

        Assert.Equal(DriftMethod.JensenShannon, result.Method);
        Tolerance.AssertClose(0.46829564211200764, result.Score!.Value);
        Assert.True(result.Drifted);
        Assert.Equal(["d"], result.NewCategories);
    }

    [Fact]
    public void Detect_SmallCategoricalWithNewCategory_ChiSquareGivesZeroPValue()
    {
        var result = ColumnDriftDetector.Detect(Categories(("a", 10), ("b", 5), ("c", 5)), Categories(("a", 8), ("b", 6), ("z", 1)));

        Assert.Equal(DriftMethod.ChiSquare, result.Method);
        Assert.Equal(0.0, result.Score);
        Assert.True(result.Drifted);
        Assert.Equal(["z"], result.NewCategories);
    }

    [Fact]
    public void Detect_LargeNumericWithFourValues_UsesJensenShannonOverValueBins()
    {
        // score: distance.jensenshannon(r/r.sum(), c/c.sum()) with r = [600, 500, 400, 0], c = [100, 100, 0, 100]
        // (one bin per value 1, 2, 3, 4 of reference ∪ current, as Evidently bins numeric columns with <= 20 values; scipy 1.10)
        var result = ColumnDriftDetector.Detect(Repeat((1.0, 600), (2.0, 500), (3.0, 400)), Repeat((1.0, 100), (2.0, 100), (4.0, 100)));

        Assert.Equal(DriftMethod.JensenShannon, result.Method);
        Tolerance.AssertClose(0.45766953099209257, result.Score!.Value);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Detect_PsiWithRequestedBins_UsesReferenceRangeBinning()
    {
        // Same data and PSI as DriftBinningTests (7 equal-width reference bins plus under/overflow).
        var options = new ColumnDriftOptions(DriftMethod.PopulationStability, BinCount: 7);

        var result = ColumnDriftDetector.Detect(
            SyntheticSample.Create(400, 31, 7, 1009, 100.0, 0.0), SyntheticSample.Create(600, 37, 1, 1013, 100.0, 1.5), options);

        Tolerance.AssertClose(2.2013852098367477, result.Score!.Value);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Detect_EmptyCurrent_ReportsStatusWithoutVerdict()
    {
        var result = ColumnDriftDetector.Detect([1.0, 2.0, 3.0], [double.NaN, double.PositiveInfinity]);

        Assert.Equal(DriftStatus.EmptyCurrent, result.Status);
        Assert.Null(result.Score);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Detect_AllMissingReference_ReportsEmptyReference()
    {
        var result = ColumnDriftDetector.Detect(Categories(), Categories(("a", 3)));

        Assert.Equal(DriftStatus.EmptyReference, result.Status);
        Assert.Null(result.Score);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Detect_SameConstantOnBothSides_ReportsConstantWithoutDrift()
    {
        var result = ColumnDriftDetector.Detect(Repeat((4.0, 2000)), Repeat((4.0, 500)));

        Assert.Equal(DriftStatus.Constant, result.Status);
        Assert.Equal(0.0, result.Score);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Detect_KsOnCategorical_ThrowsInvalidInput()
    {
        var error = Assert.Throws<GyreException>(() =>
            ColumnDriftDetector.Detect(Categories(("a", 1)), Categories(("a", 1)), new ColumnDriftOptions(DriftMethod.KolmogorovSmirnov)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    private static double[] Repeat(params (double Value, int Count)[] runs) =>
        [.. runs.SelectMany(run => Enumerable.Repeat(run.Value, run.Count))];

    [Theory]
    [InlineData(300)]
    [InlineData(20_000)]
    public void Detect_CategoriesAsSeparateStringInstances_SameAsSharedInstances(int rowsPerCategory)
    {
        // Counting goes by string instance first (then merges equal strings), and falls back to ordinal counting
        // past DistinctCounts.InstanceTallyLimit instances; both paths must count equal strings together.
        var reference = Categories(("a", rowsPerCategory), ("b", 2 * rowsPerCategory), ("c", rowsPerCategory));
        var current = Categories(("a", rowsPerCategory), ("b", rowsPerCategory), ("d", 5));
        var copiedReference = reference.Select(v => v is null ? null : new string(v.AsSpan())).ToArray();
        var copiedCurrent = current.Select(v => v is null ? null : new string(v.AsSpan())).ToArray();
        var mixedCurrent = current.Select((v, i) => v is null || i % 2 == 0 ? v : new string(v.AsSpan())).ToArray();

        var shared = ColumnDriftDetector.Detect(reference, current, new ColumnDriftOptions(DriftMethod.ChiSquare));
        var copied = ColumnDriftDetector.Detect(copiedReference, copiedCurrent, new ColumnDriftOptions(DriftMethod.ChiSquare));
        var mixed = ColumnDriftDetector.Detect(reference, mixedCurrent, new ColumnDriftOptions(DriftMethod.ChiSquare));

        Assert.Equal(4 * rowsPerCategory, shared.ReferenceCount);
        Assert.Equal(["d"], shared.NewCategories);
        foreach (var other in new[] { copied, mixed })
        {
            Assert.Equal(shared.Score, other.Score);
            Assert.Equal(shared.ReferenceCount, other.ReferenceCount);
            Assert.Equal(shared.CurrentCount, other.CurrentCount);
            Assert.Equal(shared.NewCategories, other.NewCategories);
        }
    }

    private static string?[] Categories(params (string Value, int Count)[] runs) =>
        [.. runs.SelectMany(run => Enumerable.Repeat<string?>(run.Value, run.Count)), null];
}
