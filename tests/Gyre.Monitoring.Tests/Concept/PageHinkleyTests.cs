using Gyre.Core;
using Gyre.Monitoring.Concept;

namespace Gyre.Monitoring.Tests.Concept;

// Expected traces come from a faithful Python port of river's two-sided drift.PageHinkley (mode, _sum_increase,
// _sum_decrease, _max_decrease starting at -1; river is not installed), /tmp/gyre6/river_port.py run with
// /usr/bin/python3 on u = uniform_steps(7, [(1000, 1.0, 0.0), (1000, 1.0, 0.5), (1000, 1.0, -0.5)]).
public sealed class PageHinkleyTests
{
    private static List<double> Steps() => SeededStream.UniformSteps(7, (1000, 1.0, 0.0), (1000, 1.0, 0.5), (1000, 1.0, -0.5));

    [Fact]
    public void Update_UpThenDown_MatchesRiverTraceInEveryMode()
    {
        // trace(PageHinkley(), u) -> [1105, 2047]; mode="up" -> [1105]; mode="down" -> [2064]
        Assert.Equal([1105, 2047], SeededStream.Trace(new PageHinkley(), Steps()).Drifts);
        Assert.Equal([1105], SeededStream.Trace(new PageHinkley(mode: PageHinkleyMode.Up), Steps()).Drifts);
        Assert.Equal([2064], SeededStream.Trace(new PageHinkley(mode: PageHinkleyMode.Down), Steps()).Drifts);
    }

    [Fact]
    public void Update_CustomThresholdAndDelta_MatchesRiverTrace()
    {
        // trace(PageHinkley(threshold=20, delta=0.05), u) -> [1041, 2017]
        Assert.Equal([1041, 2017], SeededStream.Trace(new PageHinkley(threshold: 20, delta: 0.05), Steps()).Drifts);
    }

    [Fact]
    public void Update_LongStationaryStream_NoFalseAlarm()
    {
        var stream = SeededStream.UniformSteps(123, (20_000, 1.0, 0.0));

        var (drifts, warnings) = SeededStream.Trace(new PageHinkley(), stream);

        Assert.Empty(drifts);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Update_StepInMean_DetectedWithinTwoHundredValues()
    {
        var stream = SeededStream.UniformSteps(99, (2000, 1.0, 0.0), (1000, 1.0, 1.0));

        var drifts = SeededStream.Trace(new PageHinkley(), stream).Drifts;

        Assert.NotEmpty(drifts);
        Assert.InRange(drifts[0], 2000, 2200);
    }

    [Fact]
    public void Update_FewerThanMinInstances_NeverDrifts()
    {
        var detector = new PageHinkley(threshold: 1);
        for (var i = 0; i < 29; i++)
        {
            detector.Update(i * 100.0);
            Assert.False(detector.DriftDetected);
        }
    }

    [Fact]
    public void Constructor_InvalidAlpha_Throws()
    {
        var error = Assert.Throws<GyreException>(() => new PageHinkley(alpha: 1.5));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }
}
