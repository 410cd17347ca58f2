namespace Gyre.Tuning.Analysis;

/// <summary>The best Complete trial of a study (Optuna's <c>study.best_trial</c>).</summary>
/// <param name="Number">Trial number.</param>
/// <param name="Value">Its objective value.</param>
/// <param name="Params">Parameter name → external value, ordered by name.</param>
/// <param name="Duration">Wall time from start to end, or null when the store has no end time.</param>
public sealed record BestTrialSummary(int Number, double Value, IReadOnlyDictionary<string, object?> Params, TimeSpan? Duration);
