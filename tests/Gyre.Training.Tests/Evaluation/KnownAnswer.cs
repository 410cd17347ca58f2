namespace Gyre.Training.Tests.Evaluation;

/// <summary>Comparison of a computed metric with a scikit-learn known answer.</summary>
internal static class KnownAnswer
{
    /// <summary>Relative tolerance: scikit-learn sums in a different order, so the last few bits may differ.</summary>
    public const double RelativeTolerance = 1e-12;

    /// <summary>Asserts that <paramref name="actual"/> equals <paramref name="expected"/> to 1e-12 relative
    /// (1e-300 absolute near zero); NaN equals only NaN.</summary>
    public static void Equal(double expected, double actual, string metric)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{metric}: expected NaN, got {actual:R}");
            return;
        }

        var tolerance = Math.Max(RelativeTolerance * Math.Abs(expected), 1e-300);
        Assert.True(
            Math.Abs(actual - expected) <= tolerance,
            $"{metric}: expected {expected:R}, got {actual:R} (difference {actual - expected:R})");
    }
}
