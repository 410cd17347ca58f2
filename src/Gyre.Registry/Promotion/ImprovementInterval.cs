namespace Gyre.Registry.Promotion;

/// <summary>
/// A confidence interval of <paramref name="Metric"/>'s improvement from champion to challenger (positive = better,
/// in the metric's units), e.g. from a paired bootstrap: <paramref name="Confidence"/> such as 0.95, over
/// <paramref name="Replicates"/> resamples drawn with <paramref name="Seed"/>.
/// </summary>
public sealed record ImprovementInterval(string Metric, double Lower, double Upper, double Confidence, int Replicates, int Seed);
