using Gyre.Core;
using MathNet.Numerics;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Evidently's <c>chisquare</c> drift test: a goodness-of-fit test of the current category counts
/// against the reference counts rescaled to the current total, over the union of categories —
/// <c>scipy.stats.chisquare(f_obs=cur, f_exp=ref·n_cur/n_ref)</c>, with k − 1 degrees of freedom.
/// A category absent from the reference but present in current gives statistic +∞ and p-value 0.
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
public static class ChiSquareTest
{
    /// <summary>
    /// Runs the test on aligned counts: index i of both spans is the same category (the union of the
    /// categories of both samples; a category may have count 0 on one side).
    /// </summary>
    /// <exception cref="GyreException">The spans differ in length, a count is negative, or a total is 0.</exception>
    public static TestStatistic Compute(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        if (referenceCounts.Length != currentCounts.Length)
        {
            throw GyreException.InvalidInput(
                $"Chi-square needs one count per category on both sides (reference has {referenceCounts.Length}, current has {currentCounts.Length}).");
        }

        long referenceTotal = 0;
        long currentTotal = 0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            if (referenceCounts[i] < 0 || currentCounts[i] < 0)
            {
                throw GyreException.InvalidInput($"Chi-square counts must not be negative (category index {i}).");
            }

            referenceTotal += referenceCounts[i];
            currentTotal += currentCounts[i];
        }

        if (referenceTotal == 0 || currentTotal == 0)
        {
            throw GyreException.InvalidInput(
                $"Chi-square needs non-empty samples (reference total {referenceTotal}, current total {currentTotal}).");
        }

        var scale = currentTotal / (double)referenceTotal;
        var statistic = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var expected = referenceCounts[i] * scale;
            var difference = currentCounts[i] - expected;
            statistic += difference * difference / expected;
        }

        if (double.IsNaN(statistic))
        {
            // 0/0 only arises for a category with count 0 on both sides, which contributes nothing.
            statistic = RecomputeSkippingEmpty(referenceCounts, currentCounts, scale);
        }

        var degreesOfFreedom = referenceCounts.Length - 1;
        var pValue = double.IsPositiveInfinity(statistic) ? 0.0 : SurvivalFunction(statistic, degreesOfFreedom);
        return new TestStatistic(statistic, pValue);
    }

    /// <summary>
    /// Chi-square survival function Pr(X ≥ x) with <paramref name="degreesOfFreedom"/> degrees of freedom
    /// (scipy's <c>chi2.sf</c>, i.e. the regularized upper incomplete gamma Q(k/2, x/2)); NaN when k ≤ 0.
    /// </summary>
    public static double SurvivalFunction(double statistic, int degreesOfFreedom)
    {
        if (degreesOfFreedom <= 0)
        {
            return double.NaN;
        }

        return statistic <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, statistic / 2.0);
    }

    private static double RecomputeSkippingEmpty(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, double scale)
    {
        var statistic = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            if (referenceCounts[i] == 0 && currentCounts[i] == 0)
            {
                continue;
            }

            var expected = referenceCounts[i] * scale;
            var difference = currentCounts[i] - expected;
            statistic += difference * difference / expected;
        }

        return statistic;
    }
}
