namespace Gyre.Monitoring.Tests.Drift;

/// <summary>Relative-tolerance assertion for known-answer values computed with scipy.</summary>
internal static class Tolerance
{
    /// <summary>Relative tolerance demanded of every known-answer test (the issue asks for 1e-9).</summary>
    public const double Relative = 1e-9;

    public static void AssertClose(double expected, double actual, double relative = Relative)
    {
        if (double.IsInfinity(expected) || expected == 0.0)
        {
            Assert.Equal(expected, actual);
            return;
        }

        var error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= relative, $"Expected {expected:R}, got {actual:R} (relative error {error:E3} > {relative:E1}).");
    }
}
