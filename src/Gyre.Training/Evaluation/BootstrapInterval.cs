namespace Gyre.Training.Evaluation;

/// <summary>
/// A percentile bootstrap confidence interval of a metric's improvement (positive = better, in the metric's units).
/// <paramref name="Replicates"/>: resamples whose metric was defined for both models (NaN ones are left out);
/// <paramref name="Confidence"/>: e.g. 0.95. Both bounds are NaN when no replicate was usable.
/// </summary>
public sealed record BootstrapInterval(double Lower, double Upper, double Confidence, int Replicates, int Seed);
