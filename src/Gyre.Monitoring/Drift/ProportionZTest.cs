using Gyre.Core;
using MathNet.Numerics;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Evidently's <c>z</c> drift test for binary data: a two-proportion z-test with pooled variance,
/// z = (p₁ − p₂)/√(P(1 − P)(1/n₁ + 1/n₂)), two-sided p = 2·(1 − Φ(|z|)).
/// Evidently codes the smallest category (sorted) as 0 and every other value as 1; callers pass the
/// number of 1s ("others") per sample. When both samples hold the same single value, p = 1.
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
public static class ProportionZTest
{
    /// <summary>Runs the test from counts.</summary>
    /// <param name="referenceOnes">Reference values that are not the first (smallest) category.</param>
    /// <param name="referenceCount">Reference sample size (> 0).</param>
    /// <param name="currentOnes">Current values that are not the first category.</param>
    /// <param name="currentCount">Current sample size (> 0).</param>
    /// <exception cref="GyreException">A size is not positive or a count of ones is outside [0, size].</exception>
    public static TestStatistic Compute(long referenceOnes, long referenceCount, long currentOnes, long currentCount)
    {
        if (referenceCount <= 0 || currentCount <= 0)
        {
            throw GyreException.InvalidInput(
                $"The z-test needs non-empty samples (reference {referenceCount}, current {currentCount}).");
        }

        if (referenceOnes < 0 || referenceOnes > referenceCount || currentOnes < 0 || currentOnes > currentCount)
        {
            throw GyreException.InvalidInput(
                $"The z-test counts of ones must lie within the sample sizes (reference {referenceOnes}/{referenceCount}, current {currentOnes}/{currentCount}).");
        }

        var bothConstantAndEqual = (referenceOnes == 0 && currentOnes == 0) || (referenceOnes == referenceCount && currentOnes == currentCount);
        if (bothConstantAndEqual)
        {
            return new TestStatistic(0.0, 1.0);
        }

        double n1 = referenceCount;
        double n2 = currentCount;
        var p1 = referenceOnes / n1;
        var p2 = currentOnes / n2;
        var pooled = ((p1 * n1) + (p2 * n2)) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2)));
        var pValue = 2 * (1 - StandardNormalCdf(Math.Abs(z)));
        return new TestStatistic(z, pValue);
    }

    /// <summary>Φ(x), computed as scipy's <c>ndtr</c> does (erf near 0, erfc in the tails).</summary>
    public static double StandardNormalCdf(double x)
    {
        var scaled = x / Math.Sqrt(2);
        var magnitude = Math.Abs(scaled);
        if (magnitude < 1.0 / Math.Sqrt(2))
        {
            return 0.5 + (0.5 * SpecialFunctions.Erf(scaled));
        }

        var tail = 0.5 * SpecialFunctions.Erfc(magnitude);
        return scaled > 0 ? 1.0 - tail : tail;
    }
}
