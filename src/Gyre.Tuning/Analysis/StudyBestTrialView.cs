namespace Gyre.Tuning.Analysis;

/// <summary>The best trial in `gyre study report --json`.</summary>
public sealed record StudyBestTrialView(int Number, double Value, IReadOnlyDictionary<string, object?> Params, double? DurationSeconds);
