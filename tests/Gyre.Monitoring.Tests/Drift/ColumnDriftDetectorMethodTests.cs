using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

/// <summary>The Hellinger, Cramér–von Mises, Anderson–Darling and energy-distance paths of <see cref="ColumnDriftDetector"/>.</summary>
public sealed class ColumnDriftDetectorMethodTests
{
    [Fact]
    public void Detect_HellingerOnCategories_UsesCategorySharesOverUnion()
    {
        // np.sqrt(1 - np.clip(np.sum(np.sqrt(p*q)), 0, 1)) with p = [5000, 3000, 2000, 0]/10000, q = [200, 400, 0, 300]/900
        // (categories a, b, c, d; numpy, /usr/bin/python3)
        var result = ColumnDriftDetector.Detect(
            Categories(("a", 5000), ("b", 3000), ("c", 2000)), Categories(("a", 200), ("b", 400), ("d", 300)), Options(DriftMethod.Hellinger));

        Assert.Equal(DriftStatus.Tested, result.Status);
        Tolerance.AssertClose(0.5491068156529803, result.Score!.Value);
        Assert.Equal(0.1, result.Threshold);
        Assert.True(result.Drifted);
        Assert.Equal(["d"], result.NewCategories);
    }

    [Fact]
    public void Detect_HellingerOnFewNumericValues_UsesOneBinPerValue()
    {
        // same formula with p = [30, 50, 20]/100, q = [25, 40, 45]/110 (values 0, 1, 2)
        var result = ColumnDriftDetector.Detect(
            Repeat((0.0, 30), (1.0, 50), (2.0, 20)), Repeat((0.0, 25), (1.0, 40), (2.0, 45)), Options(DriftMethod.Hellinger));

        Tolerance.AssertClose(0.1626139802770804, result.Score!.Value);
        Assert.True(result.Drifted);
    }

    [Theory]
    // r = sample(1500, 31, 7, 1009, 100.0, 0.0), c = sample(2500, 37, 1, 1013, 50.0, -1.0); e = np.histogram_bin_edges(r, k);
    // counts(x) = [sum(x < e[0])] + np.histogram(x, e)[0] + [sum(x > e[-1])]; Hellinger of counts(r)/1500 and counts(c)/2500.
    // k = 13 is the default ceil(log2(1500 + 2500) + 1); k = 5 is requested.
    [InlineData(null, 0.5414687532398)]
    [InlineData(5, 0.5414598801376345)]
    public void Detect_HellingerOnContinuousNumeric_UsesReferenceRangeBins(int? binCount, double expected)
    {
        var result = ColumnDriftDetector.Detect(
            SyntheticSample.Create(1500, 31, 7, 1009, 100.0, 0.0),
            SyntheticSample.Create(2500, 37, 1, 1013, 50.0, -1.0),
            new ColumnDriftOptions(DriftMethod.Hellinger, BinCount: binCount));

        Tolerance.AssertClose(expected, result.Score!.Value);
    }

    [Fact]
    public void Detect_CramerVonMises_ReportsScipyPValueWithDefaultThreshold()
    {
        // scipy.stats.cramervonmises_2samp(sample(60, 7, 3, 97, 10.0, 0.0), sample(45, 11, 5, 89, 10.0, 1.5)).pvalue (scipy 1.10.1)
        var result = ColumnDriftDetector.Detect(
            SyntheticSample.Create(60, 7, 3, 97, 10.0, 0.0), SyntheticSample.Create(45, 11, 5, 89, 10.0, 1.5), Options(DriftMethod.CramerVonMises));

        Assert.Equal(DriftMethod.CramerVonMises, result.Method);
        Tolerance.AssertClose(0.19955283480787334, result.Score!.Value);
        Assert.Equal(0.1, result.Threshold);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Detect_CramerVonMisesAtThreshold_Drifts()
    {
        // p = 0.19955283480787334 as above; Evidently's rule is p <= threshold.
        var reference = SyntheticSample.Create(60, 7, 3, 97, 10.0, 0.0);
        var current = SyntheticSample.Create(45, 11, 5, 89, 10.0, 1.5);
        var p = CramerVonMisesTest.Compute(reference, current).PValue;

        var result = ColumnDriftDetector.Detect(reference, current, new ColumnDriftOptions(DriftMethod.CramerVonMises, p));

        Assert.True(result.Drifted);
    }

    [Fact]
    public void Detect_AndersonDarling_ReportsScipyPValue()
    {
        // scipy.stats.anderson_ksamp([sample(1500, 31, 7, 1009, 100.0, 0.0), sample(1200, 37, 1, 1013, 100.0, 0.15)]).pvalue (scipy 1.10.1)
        var result = ColumnDriftDetector.Detect(
            SyntheticSample.Create(1500, 31, 7, 1009, 100.0, 0.0),
            SyntheticSample.Create(1200, 37, 1, 1013, 100.0, 0.15),
            Options(DriftMethod.AndersonDarling));

        Tolerance.AssertClose(0.08948630891084691, result.Score!.Value);
        Assert.Equal(0.1, result.Threshold);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Detect_AndersonDarlingAtThreshold_DoesNotDrift()
    {
        // Evidently's rule for anderson is p < threshold (strict).
        var reference = SyntheticSample.Create(1500, 31, 7, 1009, 100.0, 0.0);
        var current = SyntheticSample.Create(1200, 37, 1, 1013, 100.0, 0.15);
        var p = AndersonDarlingTest.Compute(reference, current).PValue;

        var result = ColumnDriftDetector.Detect(reference, current, new ColumnDriftOptions(DriftMethod.AndersonDarling, p));

        Assert.False(result.Drifted);
    }

    [Fact]
    public void Detect_EnergyDistance_ReportsScipyDistance()
    {
        // scipy.stats.energy_distance(sample(1500, 31, 7, 1009, 100.0, 0.0), sample(1200, 37, 1, 1013, 100.0, 0.3)) (scipy 1.10.1)
        var result = ColumnDriftDetector.Detect(
            SyntheticSample.Create(1500, 31, 7, 1009, 100.0, 0.0),
            SyntheticSample.Create(1200, 37, 1, 1013, 100.0, 0.3),
            Options(DriftMethod.EnergyDistance));

        Tolerance.AssertClose(0.13987840354314096, result.Score!.Value);
        Assert.Equal(0.1, result.Threshold);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Detect_EnergyDistanceAtThreshold_DoesNotDrift()
    {
        // Evidently's rule for ed is d > threshold (strict).
        var reference = SyntheticSample.Create(50, 7, 3, 97, 10.0, 0.0);
        var current = SyntheticSample.Create(70, 11, 5, 89, 10.0, 0.5);
        var distance = EnergyDistance.Compute(reference, current);

        var result = ColumnDriftDetector.Detect(reference, current, new ColumnDriftOptions(DriftMethod.EnergyDistance, distance));

        Assert.False(result.Drifted);
        Assert.Equal(distance, result.Score);
    }

    [Theory]
    [InlineData(DriftMethod.CramerVonMises)]
    [InlineData(DriftMethod.AndersonDarling)]
    [InlineData(DriftMethod.EnergyDistance)]
    public void Detect_NumericOnlyMethodOnCategorical_ThrowsInvalidInput(DriftMethod method)
    {
        var error = Assert.Throws<GyreException>(() => ColumnDriftDetector.Detect(Categories(("a", 3)), Categories(("b", 3)), Options(method)));

        Assert.Contains(method.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DriftMethod.CramerVonMises)]
    [InlineData(DriftMethod.AndersonDarling)]
    [InlineData(DriftMethod.EnergyDistance)]
    [InlineData(DriftMethod.Hellinger)]
    public void Detect_SameConstantOnBothSides_ReportsConstantWithoutDrift(DriftMethod method)
    {
        var result = ColumnDriftDetector.Detect(Repeat((4.0, 30)), Repeat((4.0, 20)), Options(method));

        Assert.Equal(DriftStatus.Constant, result.Status);
        Assert.NotNull(result.Score);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Detect_CramerVonMisesOnConstant_ScoresOne()
    {
        // scipy.stats.cramervonmises_2samp([4.0]*30, [4.0]*20).pvalue is 0.0129 (midrank artefact); a constant column must not drift.
        var result = ColumnDriftDetector.Detect(Repeat((4.0, 30)), Repeat((4.0, 20)), Options(DriftMethod.CramerVonMises));

        Assert.Equal(1.0, result.Score);
    }

    [Fact]
    public void Detect_AndersonDarlingOnConstant_ScoresTheCap()
    {
        var result = ColumnDriftDetector.Detect(Repeat((4.0, 30)), Repeat((4.0, 20)), Options(DriftMethod.AndersonDarling));

        Assert.Equal(AndersonDarlingTest.MaximumPValue, result.Score);
    }

    [Fact]
    public void Detect_CramerVonMisesWithOneCurrentValue_IsUndefined()
    {
        var result = ColumnDriftDetector.Detect([1.0, 2.0, 3.0], [2.0, double.NaN], Options(DriftMethod.CramerVonMises));

        Assert.Equal(DriftStatus.Undefined, result.Status);
        Assert.Null(result.Score);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Detect_AndersonDarlingWithThreeValues_IsUndefined()
    {
        var result = ColumnDriftDetector.Detect([1.0, 2.0], [3.0], Options(DriftMethod.AndersonDarling));

        Assert.Equal(DriftStatus.Undefined, result.Status);
        Assert.Null(result.Score);
    }

    private static ColumnDriftOptions Options(DriftMethod method) => new(method);

    private static double[] Repeat(params (double Value, int Count)[] runs) =>
        [.. runs.SelectMany(run => Enumerable.Repeat(run.Value, run.Count))];

    private static string?[] Categories(params (string Value, int Count)[] runs) =>
        [.. runs.SelectMany(run => Enumerable.Repeat<string?>(run.Value, run.Count))];
}
