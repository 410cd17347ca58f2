using Gyre.Core;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Profiles;
using Gyre.Monitoring.Tests.Drift;

namespace Gyre.Monitoring.Tests.Profiles;

public sealed class SketchDriftDetectorTests
{
    /// <summary>Each KLL (k = 200) is within 1.65 % in rank, so the two-sketch D is within 3.3 % of the exact D.</summary>
    private const double KsStatisticBound = 2 * 0.0165;

    [Theory]
    [InlineData(SketchSamples.Normal, 0.0)]
    [InlineData(SketchSamples.Normal, 0.05)]
    [InlineData(SketchSamples.Pareto, 0.0)]
    [InlineData(SketchSamples.Uniform, 0.2)]
    public void KolmogorovSmirnovStatistic_HundredThousandRows_WithinKllBoundOfExact(string distribution, double shift)
    {
        var reference = SketchSamples.Create(distribution, 100_000, 21);
        var current = SketchSamples.Create(distribution, 100_000, 22, shift);
        var exact = KolmogorovSmirnovTest.Statistic(FiniteValues.Sorted(reference), FiniteValues.Sorted(current));

        var sketched = SketchDriftDetector.KolmogorovSmirnovStatistic(Kll(reference, 1), Kll(current, 2));

        Assert.True(Math.Abs(sketched - exact) <= KsStatisticBound, $"sketch D {sketched}, exact D {exact}");
    }

    [Theory]
    [InlineData(DriftMethod.Wasserstein)]
    [InlineData(DriftMethod.JensenShannon)]
    [InlineData(DriftMethod.PopulationStability)]
    [InlineData(DriftMethod.KullbackLeibler)]
    [InlineData(DriftMethod.Hellinger)]
    [InlineData(DriftMethod.KolmogorovSmirnov)]
    public void Detect_ClearlyDriftedNumeric_SameVerdictAsRawRows(DriftMethod method)
    {
        var reference = SketchSamples.Create(SketchSamples.Normal, 100_000, 31);
        var current = SketchSamples.Create(SketchSamples.Normal, 100_000, 32, shift: 0.5);
        var options = new ColumnDriftOptions(method);

        var raw = ColumnDriftDetector.Detect(reference, current, options);
        var sketched = SketchDriftDetector.Detect(Column("x", reference, 1), Column("x", current, 2), options);

        Assert.True(raw.Drifted);
        Assert.Equal(raw.Drifted, sketched.Drifted);
        Assert.Equal(DriftStatus.Tested, sketched.Status);
        Assert.Equal(100_000, sketched.ReferenceCount);
    }

    /// <remarks>KS is left out: from sketches its asymptotic p-value at n = 10⁵ is too sensitive to the rank error (see the type docs).</remarks>
    [Theory]
    [InlineData(SketchSamples.LogNormal, DriftMethod.Wasserstein)]
    [InlineData(SketchSamples.LogNormal, DriftMethod.JensenShannon)]
    [InlineData(SketchSamples.LogNormal, DriftMethod.PopulationStability)]
    [InlineData(SketchSamples.LogNormal, DriftMethod.KullbackLeibler)]
    [InlineData(SketchSamples.LogNormal, DriftMethod.Hellinger)]
    [InlineData(SketchSamples.Pareto, DriftMethod.Wasserstein)]
    [InlineData(SketchSamples.Pareto, DriftMethod.JensenShannon)]
    [InlineData(SketchSamples.Normal, DriftMethod.Wasserstein)]
    [InlineData(SketchSamples.Normal, DriftMethod.JensenShannon)]
    public void Detect_SameDistributionNumeric_SameVerdictAsRawRows(string distribution, DriftMethod method)
    {
        var reference = SketchSamples.Create(distribution, 100_000, 41);
        var current = SketchSamples.Create(distribution, 100_000, 42);
        var options = new ColumnDriftOptions(method);

        var raw = ColumnDriftDetector.Detect(reference, current, options);
        var sketched = SketchDriftDetector.Detect(Column("x", reference, 1), Column("x", current, 2), options);

        Assert.False(raw.Drifted);
        Assert.False(sketched.Drifted, $"sketch score {sketched.Score} vs raw {raw.Score}");
    }

    /// <summary>The KS p-value from non-exact sketches is computed at D − ε_ref − ε_cur, so sketch error alone raises no alarm.</summary>
    [Theory]
    [InlineData(SketchSamples.Normal, 100)]
    [InlineData(SketchSamples.LogNormal, 101)]
    [InlineData(SketchSamples.Pareto, 102)]
    [InlineData(SketchSamples.Uniform, 103)]
    public void Detect_KsSameDistribution_NoFalseAlarmFromSketchError(string distribution, int seed)
    {
        var reference = SketchSamples.Create(distribution, 100_000, seed);
        var current = SketchSamples.Create(distribution, 100_000, seed + 1000);
        var options = new ColumnDriftOptions(DriftMethod.KolmogorovSmirnov);

        var raw = ColumnDriftDetector.Detect(reference, current, options);
        var sketched = SketchDriftDetector.Detect(Column("x", reference, 1), Column("x", current, 2), options);

        Assert.False(raw.Drifted);
        Assert.False(sketched.Drifted, $"sketch p {sketched.Score} vs raw p {raw.Score}");
    }

    [Fact]
    public void NormalizedRankError_DataSketchesValues()
    {
        Assert.Equal(0.0133, KllSketch.NormalizedRankError(200), 4);
        Assert.Equal(0.0165, KllSketch.NormalizedRankError(200, doubleSided: true), 4);
    }

    [Fact]
    public void Detect_DefaultMethodOnLargeNumeric_IsNormedWassersteinCloseToRaw()
    {
        var reference = SketchSamples.Create(SketchSamples.Normal, 100_000, 51);
        var current = SketchSamples.Create(SketchSamples.Normal, 100_000, 52, shift: 0.2);

        var raw = ColumnDriftDetector.Detect(reference, current);
        var sketched = SketchDriftDetector.Detect(Column("x", reference, 1), Column("x", current, 2));

        Assert.Equal(DriftMethod.Wasserstein, sketched.Method);
        // |ΔW| ≤ (ε_ref + ε_cur)·range/σ in the worst case; on a normal sample the error is far smaller.
        Assert.InRange(sketched.Score!.Value, raw.Score!.Value - 0.02, raw.Score.Value + 0.02);
        Assert.True(sketched.Drifted);
    }

    [Theory]
    [InlineData(null, 600)]
    [InlineData(null, 5_000)]
    [InlineData(DriftMethod.ChiSquare, 5_000)]
    [InlineData(DriftMethod.ProportionZ, 5_000)]
    [InlineData(DriftMethod.JensenShannon, 600)]
    [InlineData(DriftMethod.PopulationStability, 5_000)]
    [InlineData(DriftMethod.KullbackLeibler, 5_000)]
    [InlineData(DriftMethod.Hellinger, 5_000)]
    public void Detect_ExactCategorical_AgreesWithRawDetector(DriftMethod? method, int rows)
    {
        var (reference, current) = Categories(rows);
        var options = new ColumnDriftOptions(method);

        var raw = ColumnDriftDetector.Detect(reference, current, options);
        var sketched = SketchDriftDetector.Detect(
            CategoricalSketch("c", reference), CategoricalSketch("c", current), options);

        Assert.Equal(raw.Method, sketched.Method);
        Assert.Equal(raw.Status, sketched.Status);
        Tolerance.AssertClose(raw.Score!.Value, sketched.Score!.Value);
        Assert.Equal(raw.Drifted, sketched.Drifted);
        Assert.Equal(raw.ReferenceCount, sketched.ReferenceCount);
        Assert.Equal(raw.CurrentCount, sketched.CurrentCount);
        Assert.Equal(raw.NewCategories, sketched.NewCategories);
        Assert.Equal(["zz-new"], sketched.NewCategories);
    }

    [Fact]
    public void Detect_TwoCategories_UsesZTestLikeRawDetector()
    {
        string?[] reference = [.. Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? "no" : "yes")];
        string?[] current = [.. Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? "no" : "yes")];

        var raw = ColumnDriftDetector.Detect(reference, current);
        var sketched = SketchDriftDetector.Detect(CategoricalSketch("c", reference), CategoricalSketch("c", current));

        Assert.Equal(DriftMethod.ProportionZ, sketched.Method);
        Tolerance.AssertClose(raw.Score!.Value, sketched.Score!.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(DriftMethod.KolmogorovSmirnov)]
    [InlineData(DriftMethod.Wasserstein)]
    [InlineData(DriftMethod.ChiSquare)]
    [InlineData(DriftMethod.ProportionZ)]
    [InlineData(DriftMethod.JensenShannon)]
    [InlineData(DriftMethod.PopulationStability)]
    [InlineData(DriftMethod.Hellinger)]
    public void Detect_DiscreteNumeric_AgreesWithRawDetector(DriftMethod? method)
    {
        var random = new Random(61);
        var reference = Enumerable.Range(0, 4_000).Select(_ => (double)random.Next(0, 9)).ToArray();
        var current = Enumerable.Range(0, 3_000).Select(_ => (double)Math.Min(random.Next(0, 10), random.Next(0, 10))).ToArray();
        var options = new ColumnDriftOptions(method);

        var raw = ColumnDriftDetector.Detect(reference, current, options);
        var sketched = SketchDriftDetector.Detect(Column("n", reference, 1), Column("n", current, 2), options);

        Assert.Equal(raw.Method, sketched.Method);
        Tolerance.AssertClose(raw.Score!.Value, sketched.Score!.Value);
        Assert.Equal(raw.Drifted, sketched.Drifted);
    }

    [Fact]
    public void Detect_SmallContinuousNumeric_AgreesWithRawKs()
    {
        var reference = SketchSamples.Create(SketchSamples.Normal, 120, 71);
        var current = SketchSamples.Create(SketchSamples.Normal, 90, 72, shift: 0.4);

        var raw = ColumnDriftDetector.Detect(reference, current);
        var sketched = SketchDriftDetector.Detect(Column("x", reference, 1), Column("x", current, 2));

        Assert.Equal(DriftMethod.KolmogorovSmirnov, sketched.Method);
        Tolerance.AssertClose(raw.Score!.Value, sketched.Score!.Value);
    }

    [Fact]
    public void Detect_CategoricalBeyondCapacity_UsesOtherBucketAndNoNewCategories()
    {
        var random = new Random(81);
        string?[] reference = [.. Enumerable.Range(0, 20_000).Select(_ => $"c{random.Next(500)}")];
        string?[] current = [.. Enumerable.Range(0, 20_000).Select(_ => $"c{random.Next(520)}")];
        var options = new SketchOptions(FrequentItemsCapacity: 64);

        var referenceSketch = CategoricalSketch("c", reference, options);
        var result = SketchDriftDetector.Detect(referenceSketch, CategoricalSketch("c", current, options));

        Assert.False(referenceSketch.FrequentItems!.IsExact);
        Assert.Equal(DriftMethod.JensenShannon, result.Method);
        Assert.Equal(DriftStatus.Tested, result.Status);
        Assert.InRange(result.Score!.Value, 0.0, 0.1);
        Assert.Empty(result.NewCategories);
    }

    [Theory]
    [InlineData(DriftMethod.CramerVonMises)]
    [InlineData(DriftMethod.AndersonDarling)]
    [InlineData(DriftMethod.EnergyDistance)]
    public void Detect_MethodNeedingRawRows_ThrowsInvalidInput(DriftMethod method)
    {
        var sketch = Column("amount", [1.0, 2.0, 3.0], 1);

        var error = Assert.Throws<GyreException>(() => SketchDriftDetector.Detect(sketch, sketch, new ColumnDriftOptions(method)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("needs raw rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("'amount'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_KsOnCategorical_ThrowsInvalidInput()
    {
        var sketch = CategoricalSketch("c", ["a", "b"]);

        var error = Assert.Throws<GyreException>(
            () => SketchDriftDetector.Detect(sketch, sketch, new ColumnDriftOptions(DriftMethod.KolmogorovSmirnov)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void DetectDataset_DegenerateColumns_ClearStatuses()
    {
        var reference = DatasetSketch.Build(new MonitoredFrame([
            new NumericColumn("gone", [1.0, 2.0, 3.0]),
            new NumericColumn("retyped", [1.0, 2.0, 3.0]),
            new NumericColumn("empty_ref", [double.NaN, double.NaN, double.NaN]),
            new CategoricalColumn("empty_cur", ["a", "b", "a"]),
            new NumericColumn("constant", [4.0, 4.0, 4.0]),
            new CategoricalColumn("shifted", ["a", "a", "a"]),
        ]));
        var current = DatasetSketch.Build(new MonitoredFrame([
            new CategoricalColumn("retyped", ["1", "2"]),
            new NumericColumn("empty_ref", [1.0, 2.0]),
            new CategoricalColumn("empty_cur", [null, null]),
            new NumericColumn("constant", [4.0, 4.0]),
            new CategoricalColumn("shifted", ["b", "b"]),
        ]));

        var result = SketchDriftDetector.DetectDataset(reference, current);

        Assert.Equal(
            [DriftStatus.MissingInCurrent, DriftStatus.TypeMismatch, DriftStatus.EmptyReference, DriftStatus.EmptyCurrent,
                DriftStatus.Constant, DriftStatus.Tested],
            result.Columns.Select(c => c.Result.Status));
        Assert.Equal(["gone", "retyped", "empty_ref", "empty_cur", "constant", "shifted"], result.Columns.Select(c => c.Column));
        Assert.Equal(2, result.Columns[1].Result.CurrentCount);
        Assert.All(result.Columns.Take(4), c => Assert.Null(c.Result.Score));
        Assert.False(result.Columns[4].Drifted);
        Assert.True(result.Columns[5].Drifted);
        Assert.Equal(["b"], result.Columns[5].Result.NewCategories);
        Assert.Equal(2, result.TestedCount);
        Assert.Equal(1, result.DriftedCount);
        Assert.True(result.DatasetDrifted);
    }

    [Fact]
    public void DetectDataset_SameAsRawDatasetDetectorOnExactColumns()
    {
        var referenceFrame = DatasetSketchTests.Frame(3_000, seed: 7);
        var currentFrame = DatasetSketchTests.Frame(2_000, seed: 8, shift: 30);
        var options = new DatasetDriftOptions(Correction: MultipleTestingCorrection.Holm, Columns: ["items", "channel"]);

        var raw = DatasetDriftDetector.Detect(referenceFrame, currentFrame, options);
        var sketched = SketchDriftDetector.DetectDataset(DatasetSketch.Build(referenceFrame), DatasetSketch.Build(currentFrame), options);

        Assert.Equal(raw.TestedCount, sketched.TestedCount);
        Assert.Equal(raw.DriftedCount, sketched.DriftedCount);
        for (var i = 0; i < raw.Columns.Count; i++)
        {
            Assert.Equal(raw.Columns[i].Result.Method, sketched.Columns[i].Result.Method);
            Tolerance.AssertClose(raw.Columns[i].Result.Score!.Value, sketched.Columns[i].Result.Score!.Value);
        }
    }

    [Fact]
    public void DetectDataset_UnknownColumn_ThrowsInvalidInput()
    {
        var sketch = DatasetSketch.Build(new MonitoredFrame([new NumericColumn("a", [1.0])]));

        var error = Assert.Throws<GyreException>(
            () => SketchDriftDetector.DetectDataset(sketch, sketch, new DatasetDriftOptions(Columns: ["b"])));

        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    private static KllSketch Kll(double[] values, ulong seed)
    {
        var sketch = new KllSketch(seed: seed);
        sketch.AddRange(values);
        return sketch;
    }

    private static ColumnSketch Column(string name, double[] values, ulong seed) =>
        ColumnSketch.Build(new NumericColumn(name, values), SketchOptions.Default, seed);

    private static ColumnSketch CategoricalSketch(string name, string?[] values, SketchOptions? options = null) =>
        ColumnSketch.Build(new CategoricalColumn(name, values), options ?? SketchOptions.Default, 0);

    private static (string?[] Reference, string?[] Current) Categories(int rows)
    {
        var random = new Random(rows);
        string[] labels = ["bank", "card", "cash", "crypto", "wire"];
        var reference = new string?[rows];
        var current = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            reference[i] = random.Next(30) == 0 ? null : labels[random.Next(labels.Length)];
            current[i] = i == 0 ? "zz-new" : random.Next(30) == 0 ? null : labels[Math.Min(random.Next(labels.Length + 1), labels.Length - 1)];
        }

        return (reference, current);
    }
}
