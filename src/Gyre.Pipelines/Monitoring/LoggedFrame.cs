using Gyre.Monitoring.Datasets;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Logged inferences as monitored columns: the model's inputs, <see cref="MonitoredFrames.PredictionColumn"/>
/// (and <see cref="MonitoredFrames.ProbabilityColumn"/> for binary models), one row per record.
/// <paramref name="Times"/>: each row's Unix ms; <paramref name="Labels"/>: ground truth text (null until
/// feedback arrived); <paramref name="Problems"/>: records that could not be read, with why (never silently dropped).
/// </summary>
public sealed record LoggedFrame(MonitoredFrame Frame, long[] Times, string?[] Labels, IReadOnlyList<string> Problems);
