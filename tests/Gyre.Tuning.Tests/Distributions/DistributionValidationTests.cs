using Gyre.Core;
using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Tests.Distributions;

public sealed class DistributionValidationTests
{
    [Fact]
    public void FloatDistribution_LowAboveHigh_ThrowsNamingParameter()
    {
        var ex = Assert.Throws<GyreException>(() => new FloatDistribution(2, 1, name: "lr"));
        Assert.Contains("lr", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FloatDistribution_LogWithNonPositiveLow_Throws() =>
        Assert.Throws<GyreException>(() => new FloatDistribution(0, 1, log: true, name: "lr"));

    [Fact]
    public void FloatDistribution_LogWithStep_Throws() =>
        Assert.Throws<GyreException>(() => new FloatDistribution(0.1, 1, log: true, step: 0.1, name: "lr"));

    [Fact]
    public void FloatDistribution_StepNotDividingRange_LowersHigh()
    {
        var d = new FloatDistribution(0, 1, step: 0.3);
        Assert.Equal(0.9, d.High, 12);
    }

    [Fact]
    public void IntDistribution_StepNotDividingRange_LowersHigh() =>
        Assert.Equal(9, new IntDistribution(1, 10, step: 2).High);

    [Fact]
    public void IntDistribution_LogWithStepOtherThanOne_Throws() =>
        Assert.Throws<GyreException>(() => new IntDistribution(1, 10, log: true, step: 2, name: "depth"));

    [Fact]
    public void CategoricalDistribution_InternalRepresentation_IsChoiceIndexAndRoundTrips()
    {
        var d = new CategoricalDistribution(["a", 2L, 0.5, true, null]);
        Assert.Equal(3, d.ToInternal(true));
        Assert.Equal(1, d.ToInternal(2));
        Assert.Null(d.ToExternal(d.ToInternal(null)));
        Assert.Equal("a", d.ToExternal(0));
    }

    [Fact]
    public void CategoricalDistribution_SameChoicesInNewList_AreEqual() =>
        Assert.Equal(new CategoricalDistribution(["x", "y"]), new CategoricalDistribution(["x", "y"]));

    [Fact]
    public void CategoricalDistribution_UnsupportedChoiceType_Throws() =>
        Assert.Throws<GyreException>(() => new CategoricalDistribution([new object()], "kind"));
}
