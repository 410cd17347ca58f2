using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class DriftMethodsTests
{
    // Evidently's table (monitoring-reference.md §1.3): default threshold and drift rule per method.
    [Theory]
    [InlineData(DriftMethod.KolmogorovSmirnov, true, 0.05)]
    [InlineData(DriftMethod.ChiSquare, true, 0.05)]
    [InlineData(DriftMethod.ProportionZ, true, 0.05)]
    [InlineData(DriftMethod.CramerVonMises, true, 0.1)]
    [InlineData(DriftMethod.AndersonDarling, true, 0.1)]
    [InlineData(DriftMethod.Wasserstein, false, 0.1)]
    [InlineData(DriftMethod.JensenShannon, false, 0.1)]
    [InlineData(DriftMethod.PopulationStability, false, 0.1)]
    [InlineData(DriftMethod.KullbackLeibler, false, 0.1)]
    [InlineData(DriftMethod.Hellinger, false, 0.1)]
    [InlineData(DriftMethod.EnergyDistance, false, 0.1)]
    public void DefaultThreshold_FollowsEvidently(DriftMethod method, bool isPValue, double threshold)
    {
        Assert.Equal(isPValue, DriftMethods.IsPValue(method));
        Assert.Equal(threshold, DriftMethods.DefaultThreshold(method));
    }

    // At score == threshold: KS and CvM (<=) and the distances except energy (>=) drift; chi-square, z, AD (<) and energy (>) do not.
    [Theory]
    [InlineData(DriftMethod.KolmogorovSmirnov, true)]
    [InlineData(DriftMethod.CramerVonMises, true)]
    [InlineData(DriftMethod.ChiSquare, false)]
    [InlineData(DriftMethod.ProportionZ, false)]
    [InlineData(DriftMethod.AndersonDarling, false)]
    [InlineData(DriftMethod.Wasserstein, true)]
    [InlineData(DriftMethod.Hellinger, true)]
    [InlineData(DriftMethod.EnergyDistance, false)]
    public void IsDrift_AtThreshold_FollowsEvidentlyComparison(DriftMethod method, bool expected)
    {
        Assert.Equal(expected, DriftMethods.IsDrift(method, 0.1, 0.1));
    }

    [Theory]
    [InlineData(DriftMethod.CramerVonMises, 0.05, true)]
    [InlineData(DriftMethod.CramerVonMises, 0.2, false)]
    [InlineData(DriftMethod.AndersonDarling, 0.05, true)]
    [InlineData(DriftMethod.EnergyDistance, 0.2, true)]
    [InlineData(DriftMethod.EnergyDistance, 0.05, false)]
    public void IsDrift_AwayFromThreshold_PointsTheRightWay(DriftMethod method, double score, bool expected)
    {
        Assert.Equal(expected, DriftMethods.IsDrift(method, score, 0.1));
    }

    [Theory]
    [InlineData(DriftMethod.KolmogorovSmirnov, true)]
    [InlineData(DriftMethod.Wasserstein, true)]
    [InlineData(DriftMethod.CramerVonMises, true)]
    [InlineData(DriftMethod.AndersonDarling, true)]
    [InlineData(DriftMethod.EnergyDistance, true)]
    [InlineData(DriftMethod.Hellinger, false)]
    [InlineData(DriftMethod.ChiSquare, false)]
    [InlineData(DriftMethod.JensenShannon, false)]
    public void IsNumericOnly_MarksMethodsThatNeedNumbers(DriftMethod method, bool expected)
    {
        Assert.Equal(expected, DriftMethods.IsNumericOnly(method));
    }
}
