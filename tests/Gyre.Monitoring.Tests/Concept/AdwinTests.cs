using Gyre.Core;
using Gyre.Monitoring.Concept;

namespace Gyre.Monitoring.Tests.Concept;

// Expected traces come from a faithful Python port of river's ADWIN (river/drift/adwin.py and adwin_c.pyx, read
// from online-ml/river; river itself is not installed), run with /usr/bin/python3 as /tmp/gyre6/river_port.py:
//   b = bernoulli_steps(42, [(1000, 0.2), (1000, 0.6)]); trace(ADWIN(), b)
// where uniform(seed, i) = (splitmix64(seed + (i+1)*0x9E3779B97F4A7C15) >> 11) * 2**-53 (see SeededStream).
public sealed class AdwinTests
{
    [Fact]
    public void Uniform_SeededStream_MatchesPythonGenerator()
    {
        // uniform(42, 0..2) printed by river_port.py
        Assert.Equal(0.7415648787718233, SeededStream.Uniform(42, 0));
        Assert.Equal(0.1599103928769201, SeededStream.Uniform(42, 1));
        Assert.Equal(0.27860113025513866, SeededStream.Uniform(42, 2));
        Assert.Equal(799.0, SeededStream.BernoulliSteps(42, (1000, 0.2), (1000, 0.6)).Sum());
    }

    [Fact]
    public void Update_BernoulliStep_MatchesRiverTrace()
    {
        var stream = SeededStream.BernoulliSteps(42, (1000, 0.2), (1000, 0.6));

        var (drifts, warnings) = SeededStream.Trace(new Adwin(), stream);

        Assert.Equal([1151], drifts);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Update_ThreeChanges_MatchesRiverTraceForDefaultAndClockOne()
    {
        // b3 = bernoulli_steps(5, [(600, .1), (600, .5), (600, .1), (600, .7)])
        // trace(ADWIN(), b3) -> [735, 1343, 1855]; trace(ADWIN(clock=1), b3) -> [731, 1332, 1837]
        var stream = SeededStream.BernoulliSteps(5, (600, 0.1), (600, 0.5), (600, 0.1), (600, 0.7));

        Assert.Equal([735, 1343, 1855], SeededStream.Trace(new Adwin(), stream).Drifts);
        Assert.Equal([731, 1332, 1837], SeededStream.Trace(new Adwin(clock: 1), stream).Drifts);
    }

    [Fact]
    public void Update_RealValuedSteps_MatchesRiverTrace()
    {
        // u = uniform_steps(7, [(1000, 1.0, 0.0), (1000, 1.0, 0.5), (1000, 1.0, -0.5)])
        // trace(ADWIN(), u) -> [1087, 2047]; trace(ADWIN(delta=0.1, clock=8), u) -> [1039, 2023]
        var stream = SeededStream.UniformSteps(7, (1000, 1.0, 0.0), (1000, 1.0, 0.5), (1000, 1.0, -0.5));

        Assert.Equal([1087, 2047], SeededStream.Trace(new Adwin(), stream).Drifts);
        Assert.Equal([1039, 2023], SeededStream.Trace(new Adwin(delta: 0.1, clock: 8), stream).Drifts);
    }

    [Fact]
    public void Width_AfterDriftShrinksWindow_MatchesRiverState()
    {
        // a = ADWIN(); feed u[:1500] -> width 412.0, total/width 0.9784040239489589, variance 34.599122347822515
        var stream = SeededStream.UniformSteps(7, (1000, 1.0, 0.0), (1000, 1.0, 0.5), (1000, 1.0, -0.5));
        var adwin = new Adwin();

        foreach (var value in stream.Take(1500))
        {
            adwin.Update(value);
        }

        Assert.Equal(412, adwin.Width);
        Assert.Equal(0.9784040239489589, adwin.Estimation, 1e-12);
        Assert.Equal(34.599122347822515, adwin.Variance, 1e-9);
        Assert.Equal(1500, adwin.Count);
    }

    [Fact]
    public void Update_LongStationaryStream_NoFalseAlarm()
    {
        var stream = SeededStream.BernoulliSteps(123, (20_000, 0.3));

        Assert.Empty(SeededStream.Trace(new Adwin(), stream).Drifts);
    }

    [Fact]
    public void Update_StepInErrorRate_DetectedWithinTwoHundredValues()
    {
        // Error rate 0.1 -> 0.4 at index 2000: a clear step must be caught within 200 values.
        var stream = SeededStream.BernoulliSteps(99, (2000, 0.1), (1000, 0.4));

        var drifts = SeededStream.Trace(new Adwin(), stream).Drifts;

        Assert.NotEmpty(drifts);
        Assert.InRange(drifts[0], 2000, 2200);
    }

    [Fact]
    public void BucketCount_MillionValues_StaysLogarithmic()
    {
        var adwin = new Adwin();
        for (var i = 0; i < 1_000_000; i++)
        {
            adwin.Update(SeededStream.Uniform(3, i));
        }

        Assert.Equal(1_000_000, adwin.Width);
        // (maxBuckets + 1) buckets per row at most, log2(1e6 / 5) ≈ 18 rows.
        Assert.InRange(adwin.BucketCount, 1, 6 * 20);
    }

    [Fact]
    public void Reset_AfterValues_StartsEmpty()
    {
        var adwin = new Adwin();
        foreach (var value in SeededStream.UniformSteps(7, (100, 1.0, 0.0)))
        {
            adwin.Update(value);
        }

        adwin.Reset();

        Assert.Equal(0, adwin.Width);
        Assert.Equal(0, adwin.Count);
        Assert.Equal(0.0, adwin.Estimation);
        Assert.False(adwin.DriftDetected);
    }

    [Fact]
    public void Constructor_InvalidDelta_Throws()
    {
        var error = Assert.Throws<GyreException>(() => new Adwin(delta: 0));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Update_NaN_Throws() =>
        Assert.Throws<GyreException>(() => new Adwin().Update(double.NaN));
}
