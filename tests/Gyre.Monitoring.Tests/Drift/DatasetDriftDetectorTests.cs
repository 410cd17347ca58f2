using Gyre.Core;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class DatasetDriftDetectorTests
{
    // KS p-values of the three columns below (scipy 1.10.1):
    //   r = sample(60, 7, 3, 97, 10.0, 0.0); scipy.stats.ks_2samp(r, sample(45, 11, 5, 89, 10.0, shift)).pvalue
    //   shift 3.0 → 0.00276839367841739 (x), 2.0 → 0.10601860816490571 (y), 1.0 → 0.8412982135085666 (z)
    private const double Px = 0.00276839367841739;
    private const double Py = 0.10601860816490571;
    private const double Pz = 0.8412982135085666;

    [Fact]
    public void Detect_AllColumns_KeepsReferenceOrderAndKinds()
    {
        var (reference, current) = ShiftedFrames();

        var result = DatasetDriftDetector.Detect(reference, current);

        Assert.Equal(["x", "y", "z", "colour"], result.Columns.Select(c => c.Column));
        Assert.Equal(
            [DriftColumnKind.Numerical, DriftColumnKind.Numerical, DriftColumnKind.Numerical, DriftColumnKind.Categorical],
            result.Columns.Select(c => c.Kind));
        Tolerance.AssertClose(Px, result.Columns[0].Result.Score!.Value);
        Tolerance.AssertClose(Py, result.Columns[1].Result.Score!.Value);
        Tolerance.AssertClose(Pz, result.Columns[2].Result.Score!.Value);
        Assert.Equal(4, result.TestedCount);
    }

    [Fact]
    public void Detect_ListedColumns_UsesListedOrder()
    {
        var (reference, current) = ShiftedFrames();

        var result = DatasetDriftDetector.Detect(reference, current, new DatasetDriftOptions(Columns: ["z", "colour", "x"]));

        Assert.Equal(["z", "colour", "x"], result.Columns.Select(c => c.Column));
        Tolerance.AssertClose(Px, result.Columns[2].Result.Score!.Value);
    }

    [Fact]
    public void Detect_ListedColumnNotInReference_ThrowsNamingIt()
    {
        var (reference, current) = ShiftedFrames();

        var error = Assert.Throws<GyreException>(
            () => DatasetDriftDetector.Detect(reference, current, new DatasetDriftOptions(Columns: ["x", "weight"])));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'weight'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ColumnMissingFromCurrent_ReportsStatusAndIsNotTested()
    {
        var reference = Frame(new NumericColumn("a", [1, 2, 3, 4]), new NumericColumn("b", [5, 6, 7, 8]));
        var current = Frame(new NumericColumn("a", [1, 2, 3, 5]));

        var result = DatasetDriftDetector.Detect(reference, current);

        var missing = result.Columns[1].Result;
        Assert.Equal(DriftStatus.MissingInCurrent, missing.Status);
        Assert.Null(missing.Score);
        Assert.False(missing.Drifted);
        Assert.Equal(4, missing.ReferenceCount);
        Assert.Equal(0, missing.CurrentCount);
        Assert.Equal(1, result.TestedCount);
    }

    [Fact]
    public void Detect_NumericAgainstCategorical_ReportsTypeMismatch()
    {
        var reference = Frame(new NumericColumn("a", [1, 2, 3, 4]), new CategoricalColumn("b", ["p", "q", "p", null]));
        var current = Frame(new CategoricalColumn("a", ["1", null, "3"]), new NumericColumn("b", [1, 2, double.NaN]));

        var result = DatasetDriftDetector.Detect(reference, current);

        Assert.All(result.Columns, c => Assert.Equal(DriftStatus.TypeMismatch, c.Result.Status));
        Assert.All(result.Columns, c => Assert.Null(c.Result.Score));
        Assert.Equal(DriftColumnKind.Numerical, result.Columns[0].Kind);
        Assert.Equal(DriftColumnKind.Categorical, result.Columns[1].Kind);
        Assert.Equal(2, result.Columns[0].Result.CurrentCount);
        Assert.Equal(2, result.Columns[1].Result.CurrentCount);
        Assert.Equal(0, result.TestedCount);
        Assert.Null(result.Share);
        Assert.False(result.DatasetDrifted);
    }

    [Fact]
    public void Detect_AllMissingCurrentColumns_ReportEmptyCurrent()
    {
        var reference = Frame(new NumericColumn("a", [1, 2, 3]), new CategoricalColumn("b", ["p", "q", "p"]));
        var current = Frame(
            new NumericColumn("a", [double.NaN, double.PositiveInfinity]), new CategoricalColumn("b", [null, null]));

        var result = DatasetDriftDetector.Detect(reference, current);

        Assert.All(result.Columns, c => Assert.Equal(DriftStatus.EmptyCurrent, c.Result.Status));
        Assert.All(result.Columns, c => Assert.False(c.Drifted));
        Assert.Equal(0, result.TestedCount);
    }

    [Fact]
    public void Detect_ConstantColumns_AreTestedWithoutDrift()
    {
        var reference = Frame(new NumericColumn("a", [2, 2, 2, 2]), new CategoricalColumn("b", ["k", "k", "k", "k"]));
        var current = Frame(new NumericColumn("a", [2, 2, 2]), new CategoricalColumn("b", ["k", "k", "k"]));

        var result = DatasetDriftDetector.Detect(reference, current);

        Assert.All(result.Columns, c => Assert.Equal(DriftStatus.Constant, c.Result.Status));
        Assert.Equal(2, result.TestedCount);
        Assert.Equal(0, result.DriftedCount);
        Assert.Equal(0.0, result.Share);
    }

    [Fact]
    public void Detect_PerColumnOverride_AppliesOnlyToThatColumn()
    {
        var (reference, current) = ShiftedFrames();
        var options = new DatasetDriftOptions(
            Defaults: new ColumnDriftOptions(Threshold: 0.2),
            PerColumn: new Dictionary<string, ColumnDriftOptions> { ["y"] = new(DriftMethod.EnergyDistance, 5.0) });

        var result = DatasetDriftDetector.Detect(reference, current, options);

        var y = result.Columns[1];
        Assert.Equal(DriftMethod.EnergyDistance, y.Result.Method);
        Assert.Equal(5.0, y.Result.Threshold);
        Assert.False(y.Drifted);
        Assert.Equal(DriftMethod.KolmogorovSmirnov, result.Columns[0].Result.Method);
        Assert.Equal(0.2, result.Columns[0].Result.Threshold);
        Assert.Equal(0.2, result.Columns[2].Result.Threshold);
    }

    [Fact]
    public void Detect_InvalidMethodForColumnType_ThrowsInvalidInput()
    {
        var (reference, current) = ShiftedFrames();
        var options = new DatasetDriftOptions(
            PerColumn: new Dictionary<string, ColumnDriftOptions> { ["colour"] = new(DriftMethod.AndersonDarling) });

        var error = Assert.Throws<GyreException>(() => DatasetDriftDetector.Detect(reference, current, options));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Detect_BonferroniCorrection_RemovesTheOnlyDrift()
    {
        // Threshold 0.005 on the three numeric KS columns: uncorrected, x drifts (p = 0.00277 ≤ 0.005), so 1 of 3
        // tested columns drifts and 1/3 ≥ 0.3. Bonferroni over the 3 p-value columns: 3 × 0.00276839367841739 =
        // 0.008305181035252171 > 0.005, so nothing drifts.
        var (reference, current) = ShiftedFrames();
        var uncorrected = new DatasetDriftOptions(0.3, Defaults: new ColumnDriftOptions(Threshold: 0.005), Columns: ["x", "y", "z"]);

        var plain = DatasetDriftDetector.Detect(reference, current, uncorrected);
        var corrected = DatasetDriftDetector.Detect(reference, current, uncorrected with { Correction = MultipleTestingCorrection.Bonferroni });

        Assert.True(plain.DatasetDrifted);
        Assert.Equal(1, plain.DriftedCount);
        Assert.All(plain.Columns, c => Assert.Null(c.AdjustedPValue));
        Assert.False(corrected.DatasetDrifted);
        Assert.Equal(0, corrected.DriftedCount);
        Assert.True(corrected.Columns[0].Result.Drifted);
        Tolerance.AssertClose(0.008305181035252171, corrected.Columns[0].AdjustedPValue!.Value);
        Assert.Equal(1.0, corrected.Columns[2].AdjustedPValue);
    }

    [Fact]
    public void Detect_HolmAndBenjaminiHochberg_AdjustOnlyPValueColumns()
    {
        // p = (x, y, z) = (0.00276839367841739, 0.10601860816490571, 0.8412982135085666); "colour" uses Hellinger (a
        // distance), so it is not adjusted and m = 3.
        // Holm (by hand): 3·px = 0.008305181035252171; max(that, 2·py) = 0.21203721632981143; max(that, 1·pz) = pz.
        // BH (by hand): pz·3/3 = pz; min(pz, py·3/2) = 0.15902791224735857; min(that, px·3/1) = 0.008305181035252171.
        var (reference, current) = ShiftedFrames();
        var options = new DatasetDriftOptions(
            Columns: ["x", "y", "z", "colour"],
            PerColumn: new Dictionary<string, ColumnDriftOptions> { ["colour"] = new(DriftMethod.Hellinger) });

        var holm = DatasetDriftDetector.Detect(reference, current, options with { Correction = MultipleTestingCorrection.Holm });
        var bh = DatasetDriftDetector.Detect(reference, current, options with { Correction = MultipleTestingCorrection.BenjaminiHochberg });

        Tolerance.AssertClose(0.008305181035252171, holm.Columns[0].AdjustedPValue!.Value);
        Tolerance.AssertClose(0.21203721632981143, holm.Columns[1].AdjustedPValue!.Value);
        Tolerance.AssertClose(Pz, holm.Columns[2].AdjustedPValue!.Value);
        Assert.Null(holm.Columns[3].AdjustedPValue);
        Tolerance.AssertClose(0.008305181035252171, bh.Columns[0].AdjustedPValue!.Value);
        Tolerance.AssertClose(0.15902791224735857, bh.Columns[1].AdjustedPValue!.Value);
        Tolerance.AssertClose(Pz, bh.Columns[2].AdjustedPValue!.Value);
        Assert.Null(bh.Columns[3].AdjustedPValue);
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(0.51, false)]
    public void Detect_ShareAtDriftShare_CountsAsDatasetDrift(double driftShare, bool expected)
    {
        // Two tested columns, one drifting (x, p = 0.00277 ≤ 0.05) and one not (z); a third is missing from current and
        // does not count: share = 1/2.
        var (reference, current) = ShiftedFrames();
        var withMissing = new MonitoredFrame([.. reference.Columns, new NumericColumn("gone", new double[reference.RowCount])]);

        var result = DatasetDriftDetector.Detect(withMissing, current, new DatasetDriftOptions(driftShare, Columns: ["x", "z", "gone"]));

        Assert.Equal(2, result.TestedCount);
        Assert.Equal(1, result.DriftedCount);
        Assert.Equal(0.5, result.Share);
        Assert.Equal(driftShare, result.DriftShareThreshold);
        Assert.Equal(expected, result.DatasetDrifted);
    }

    [Fact]
    public void Detect_DriftShareOutOfRange_Throws()
    {
        var (reference, current) = ShiftedFrames();

        Assert.Throws<GyreException>(() => DatasetDriftDetector.Detect(reference, current, new DatasetDriftOptions(0.0)));
    }

    [Fact]
    public void Detect_ManyColumns_MatchesColumnDetectorInOrder()
    {
        var columns = Enumerable.Range(0, 24).Select(i => (MonitoredColumn)new NumericColumn(
            $"c{i}", SyntheticSample.Create(1200, 31 + i, i, 1009, 100.0, 0.0))).ToArray();
        var currentColumns = Enumerable.Range(0, 24).Select(i => (MonitoredColumn)new NumericColumn(
            $"c{i}", SyntheticSample.Create(1200, 37, 1 + i, 1013, 100.0, i * 0.05))).ToArray();

        var result = DatasetDriftDetector.Detect(new MonitoredFrame(columns), new MonitoredFrame(currentColumns));

        for (var i = 0; i < columns.Length; i++)
        {
            var expected = ColumnDriftDetector.Detect(
                ((NumericColumn)columns[i]).Values, ((NumericColumn)currentColumns[i]).Values);
            Assert.Equal($"c{i}", result.Columns[i].Column);
            Assert.Equal(expected.Score, result.Columns[i].Result.Score);
        }
    }

    [Fact]
    public void AdjustPValues_FourValues_MatchesHandComputation()
    {
        // statsmodels is not installed; expected values by hand from the definitions (m = 4, p = [0.01, 0.04, 0.03, 0.2]):
        //   Bonferroni: 4p = [0.04, 0.16, 0.12, 0.8].
        //   Holm: sorted 0.01·4 = 0.04; 0.03·3 = 0.09; max(0.09, 0.04·2 = 0.08) = 0.09; max(0.09, 0.2·1) = 0.2 → [0.04, 0.09, 0.09, 0.2].
        //   BH: from the top, 0.2·4/4 = 0.2; min(0.2, 0.04·4/3 = 0.0533…) ; min(0.0533…, 0.03·4/2 = 0.06) = 0.0533…;
        //       min(0.0533…, 0.01·4/1 = 0.04) = 0.04 → [0.04, 0.0533…, 0.0533…, 0.2].
        double[] p = [0.01, 0.04, 0.03, 0.2];

        AssertAllClose([0.04, 0.16, 0.12, 0.8], DatasetDriftSummary.AdjustPValues(p, MultipleTestingCorrection.Bonferroni));
        AssertAllClose([0.04, 0.09, 0.09, 0.2], DatasetDriftSummary.AdjustPValues(p, MultipleTestingCorrection.Holm));
        AssertAllClose(
            [0.04, 0.05333333333333334, 0.05333333333333334, 0.2], DatasetDriftSummary.AdjustPValues(p, MultipleTestingCorrection.BenjaminiHochberg));
        Assert.Equal(p, DatasetDriftSummary.AdjustPValues(p, MultipleTestingCorrection.None));
    }

    private static void AssertAllClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Tolerance.AssertClose(expected[i], actual[i]);
        }
    }

    /// <summary>Reference of 60 rows, current of 45: numeric x, y, z shifted by 3.0, 2.0, 1.0, and a categorical colour.</summary>
    private static (MonitoredFrame Reference, MonitoredFrame Current) ShiftedFrames()
    {
        var referenceValues = SyntheticSample.Create(60, 7, 3, 97, 10.0, 0.0);
        string?[] referenceColours = [.. Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? "red" : "blue")];
        string?[] currentColours = [.. Enumerable.Range(0, 45).Select(i => i % 2 == 0 ? "red" : "blue")];
        var reference = Frame(
            new NumericColumn("x", referenceValues),
            new NumericColumn("y", referenceValues),
            new NumericColumn("z", referenceValues),
            new CategoricalColumn("colour", referenceColours));
        var current = Frame(
            new NumericColumn("x", SyntheticSample.Create(45, 11, 5, 89, 10.0, 3.0)),
            new NumericColumn("y", SyntheticSample.Create(45, 11, 5, 89, 10.0, 2.0)),
            new NumericColumn("z", SyntheticSample.Create(45, 11, 5, 89, 10.0, 1.0)),
            new CategoricalColumn("colour", currentColours));
        return (reference, current);
    }

    private static MonitoredFrame Frame(params MonitoredColumn[] columns) => new(columns);
}
