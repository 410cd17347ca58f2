using Gyre.Tuning.Distributions;

namespace Gyre.Tuning;

/// <summary>An immutable snapshot of a trial as stored.</summary>
/// <param name="Number">0-based number, unique and gap-free within the study.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Params">Parameter name → external value.</param>
/// <param name="Distributions">Parameter name → distribution.</param>
/// <param name="Value">Objective value (Complete only).</param>
/// <param name="IntermediateValues">Step → reported value.</param>
/// <param name="UserAttrs">User attributes.</param>
/// <param name="ErrorMessage">Error of a failed trial.</param>
/// <param name="StartedAt">UTC start.</param>
/// <param name="CompletedAt">UTC end, null while running.</param>
public sealed record FrozenTrial(
    int Number,
    TrialState State,
    IReadOnlyDictionary<string, object?> Params,
    IReadOnlyDictionary<string, ParameterDistribution> Distributions,
    double? Value,
    IReadOnlyDictionary<long, double> IntermediateValues,
    IReadOnlyDictionary<string, object?> UserAttrs,
    string? ErrorMessage,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Largest reported step, or null.</summary>
    public long? LastStep => IntermediateValues.Count == 0 ? null : IntermediateValues.Keys.Max();
}
