using Gyre.Tuning.Distributions;

namespace Gyre.Tuning;

/// <summary>An immutable snapshot of a trial as stored. Finished trials never change again.</summary>
/// <param name="Number">0-based number, unique and gap-free within the study.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Params">Parameter name → external value.</param>
/// <param name="Distributions">Parameter name → distribution.</param>
/// <param name="Value">Objective value (Complete; a Pruned trial carries its last intermediate value).</param>
/// <param name="IntermediateValues">Step → reported value.</param>
/// <param name="UserAttrs">User attributes (free text, e.g. a tracking run id or JSON).</param>
/// <param name="SystemAttrs">Attributes written by samplers and pruners (e.g. ASHA's <c>completed_rung_0</c>).</param>
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
    IReadOnlyDictionary<string, string> UserAttrs,
    IReadOnlyDictionary<string, string> SystemAttrs,
    string? ErrorMessage,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Largest reported step, or null.</summary>
    public long? LastStep => IntermediateValues.Count == 0 ? null : IntermediateValues.Keys.Max();

    /// <summary>True once the trial is Complete, Pruned or Fail.</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Pruned or TrialState.Fail;

    /// <summary>Wall time from start to end (null while running).</summary>
    public TimeSpan? Duration => CompletedAt - StartedAt;

    /// <summary>A new Running trial with nothing recorded.</summary>
    public static FrozenTrial NewRunning(int number, DateTimeOffset startedAt) =>
        new(number, TrialState.Running, new Dictionary<string, object?>(), new Dictionary<string, ParameterDistribution>(),
            null, new Dictionary<long, double>(), new Dictionary<string, string>(), new Dictionary<string, string>(),
            null, startedAt, null);
}
