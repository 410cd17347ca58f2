namespace Gyre.Monitoring.Drift;

/// <summary>
/// The outcome of a two-sample hypothesis test: the test statistic and its p-value.
/// </summary>
/// <param name="Statistic">The test statistic, in the test's own scale (may be +∞ for chi-square).</param>
/// <param name="PValue">The p-value in [0, 1].</param>
public sealed record TestStatistic(double Statistic, double PValue);
