using Gyre.Core;
using Gyre.Monitoring.Concept;

namespace Gyre.Monitoring.Tests.Concept;

// Expected traces come from a faithful Python port of river's drift.binary.DDM (river/drift/binary/ddm.py,
// read from online-ml/river; river is not installed), /tmp/gyre6/river_port.py run with /usr/bin/python3:
//   d, w = trace(DDM(), bernoulli_steps(42, [(1000, 0.2), (1000, 0.6)]))
//   -> d = [1009]; len(w) = 1129, w[0] = 52, w[-1] = 1999, sum(w) = 1491222
public sealed class DdmTests
{
    [Fact]
    public void Update_BernoulliStep_MatchesRiverTrace()
    {
        var stream = SeededStream.BernoulliSteps(42, (1000, 0.2), (1000, 0.6));

        var (drifts, warnings) = SeededStream.Trace(new Ddm(), stream);

        Assert.Equal([1009], drifts);
        Assert.Equal(1129, warnings.Count);
        Assert.Equal(52, warnings[0]);
        Assert.Equal(1999, warnings[^1]);
        Assert.Equal(1491222, warnings.Sum());
    }

    [Fact]
    public void Update_SeveralChanges_MatchesRiverTrace()
    {
        // trace(DDM(), bernoulli_steps(5, [(600, .1), (600, .5), (600, .1), (600, .7)]))[0] -> [75, 112, 631, 1879]
        var stream = SeededStream.BernoulliSteps(5, (600, 0.1), (600, 0.5), (600, 0.1), (600, 0.7));

        Assert.Equal([75, 112, 631, 1879], SeededStream.Trace(new Ddm(), stream).Drifts);
    }

    [Fact]
    public void Update_LongStationaryStream_NoFalseAlarm()
    {
        var stream = SeededStream.BernoulliSteps(123, (20_000, 0.3));

        Assert.Empty(SeededStream.Trace(new Ddm(), stream).Drifts);
    }

    [Fact]
    public void Update_StepInErrorRate_DetectedWithinFourHundredValues()
    {
        // DDM compares with the error rate accumulated since the start, so it reacts more slowly than ADWIN.
        var stream = SeededStream.BernoulliSteps(99, (2000, 0.1), (1000, 0.4));

        var drifts = SeededStream.Trace(new Ddm(), stream).Drifts.Where(i => i >= 2000).ToList();

        Assert.NotEmpty(drifts);
        Assert.InRange(drifts[0], 2000, 2400);
    }

    [Fact]
    public void Update_AfterDrift_RestartsStatistics()
    {
        var ddm = new Ddm();
        foreach (var value in SeededStream.BernoulliSteps(42, (1000, 0.2), (1000, 0.6)).Take(1010))
        {
            ddm.Update(value);
        }

        Assert.True(ddm.DriftDetected);
        ddm.Update(0);

        Assert.False(ddm.DriftDetected);
        Assert.Equal(0.0, ddm.ErrorRate);
        Assert.Equal(1011, ddm.Count);
    }

    [Fact]
    public void Update_NonBinaryValue_Throws()
    {
        var error = Assert.Throws<GyreException>(() => new Ddm().Update(0.5));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Reset_ClearsCount()
    {
        var ddm = new Ddm();
        ddm.Update(1);
        ddm.Reset();
        Assert.Equal(0, ddm.Count);
        Assert.Equal(0.0, ddm.ErrorRate);
    }
}
