using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class DriftMethodSelectorTests
{
    // Evidently's registry._get_default_stattest table (reference size <= 1000 vs > 1000, distinct count of ref ∪ cur).
    [Theory]
    [InlineData(DriftColumnKind.Numerical, 1000, 2, DriftMethod.ProportionZ)]
    [InlineData(DriftColumnKind.Numerical, 1000, 3, DriftMethod.ChiSquare)]
    [InlineData(DriftColumnKind.Numerical, 1000, 5, DriftMethod.ChiSquare)]
    [InlineData(DriftColumnKind.Numerical, 1000, 6, DriftMethod.KolmogorovSmirnov)]
    [InlineData(DriftColumnKind.Numerical, 1001, 2, DriftMethod.JensenShannon)]
    [InlineData(DriftColumnKind.Numerical, 1001, 5, DriftMethod.JensenShannon)]
    [InlineData(DriftColumnKind.Numerical, 1001, 6, DriftMethod.Wasserstein)]
    [InlineData(DriftColumnKind.Categorical, 1000, 2, DriftMethod.ProportionZ)]
    [InlineData(DriftColumnKind.Categorical, 1000, 3, DriftMethod.ChiSquare)]
    [InlineData(DriftColumnKind.Categorical, 1001, 2, DriftMethod.JensenShannon)]
    [InlineData(DriftColumnKind.Categorical, 1001, 50, DriftMethod.JensenShannon)]
    public void Choose_EvidentlyTable_ReturnsDefaultTest(DriftColumnKind kind, long referenceCount, long distinct, DriftMethod expected) =>
        Assert.Equal(expected, DriftMethodSelector.Choose(kind, referenceCount, distinct));

    [Theory]
    [InlineData(DriftMethod.KolmogorovSmirnov, 0.05, true)]
    [InlineData(DriftMethod.ChiSquare, 0.05, false)]
    [InlineData(DriftMethod.ProportionZ, 0.05, false)]
    [InlineData(DriftMethod.Wasserstein, 0.1, true)]
    [InlineData(DriftMethod.JensenShannon, 0.1, true)]
    [InlineData(DriftMethod.PopulationStability, 0.1, true)]
    public void IsDrift_ScoreEqualToDefaultThreshold_FollowsEvidentlyRule(DriftMethod method, double threshold, bool expected)
    {
        Assert.Equal(threshold, DriftMethods.DefaultThreshold(method));
        Assert.Equal(expected, DriftMethods.IsDrift(method, threshold, threshold));
    }
}
