namespace Gyre.Training.Evaluation;

/// <summary>
/// Single-row scoring latency of a model, in milliseconds of wall-clock time per call, over
/// <paramref name="TimedCalls"/> calls measured after <paramref name="WarmupCalls"/> untimed ones. Percentiles are
/// nearest-rank.
/// </summary>
public sealed record ScoringLatency(double P50Ms, double P95Ms, double MaxMs, int WarmupCalls, int TimedCalls);
