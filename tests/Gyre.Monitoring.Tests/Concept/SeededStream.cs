using Gyre.Monitoring.Concept;

namespace Gyre.Monitoring.Tests.Concept;

/// <summary>
/// Deterministic streams that Python reproduces bit for bit (only exact IEEE operations): uniform(seed, i) is
/// the top 53 bits of SplitMix64(seed + (i + 1)·0x9E3779B97F4A7C15) times 2⁻⁵³. The reference script
/// /tmp/gyre6/river_port.py (quoted in the tests) defines <c>uniform</c>, <c>bernoulli_steps</c> and
/// <c>uniform_steps</c> identically.
/// </summary>
internal static class SeededStream
{
    public static double Uniform(ulong seed, long index)
    {
        var z = seed + ((ulong)(index + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>1 with probability p (u &lt; p), else 0, segment after segment.</summary>
    public static List<double> BernoulliSteps(ulong seed, params (int Length, double P)[] segments)
    {
        var values = new List<double>();
        foreach (var (length, p) in segments)
        {
            for (var k = 0; k < length; k++)
            {
                values.Add(Uniform(seed, values.Count) < p ? 1.0 : 0.0);
            }
        }

        return values;
    }

    /// <summary>u·scale + shift, segment after segment.</summary>
    public static List<double> UniformSteps(ulong seed, params (int Length, double Scale, double Shift)[] segments)
    {
        var values = new List<double>();
        foreach (var (length, scale, shift) in segments)
        {
            for (var k = 0; k < length; k++)
            {
                values.Add((Uniform(seed, values.Count) * scale) + shift);
            }
        }

        return values;
    }

    /// <summary>Feeds the stream and returns the indices at which the detector reported a drift and a warning.</summary>
    public static (List<int> Drifts, List<int> Warnings) Trace(IStreamingDriftDetector detector, IReadOnlyList<double> stream)
    {
        var drifts = new List<int>();
        var warnings = new List<int>();
        for (var i = 0; i < stream.Count; i++)
        {
            detector.Update(stream[i]);
            if (detector.DriftDetected)
            {
                drifts.Add(i);
            }

            if (detector.WarningDetected)
            {
                warnings.Add(i);
            }
        }

        return (drifts, warnings);
    }
}
