namespace Gyre.Tuning.Analysis;

/// <summary>One trial in `gyre study report --json`, as stored (params ordered by name; state lower-case).</summary>
public sealed record StudyTrialView(int Number, string State, double? Value, IReadOnlyDictionary<string, object?> Params,
    DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, double? DurationSeconds, string? ErrorMessage,
    IReadOnlyDictionary<string, string> UserAttrs);
