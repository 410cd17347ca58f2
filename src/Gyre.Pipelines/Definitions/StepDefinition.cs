namespace Gyre.Pipelines.Definitions;

/// <summary>
/// One step of a pipeline: its id (the key under <c>steps:</c>), kind, inputs, explicit dependencies
/// (<see cref="Needs"/>; references to other steps' outputs add theirs), retries after a failure and a time limit per
/// attempt. <see cref="Cache"/>: whether an unchanged step reuses an earlier run's outputs (default: the kind's).
/// <see cref="Line"/> is where the step starts in the file.
/// </summary>
public sealed record StepDefinition(
    string Id,
    StepKind Kind,
    IReadOnlyDictionary<string, PipelineValue> With,
    IReadOnlyList<string> Needs,
    int Retries,
    TimeSpan? Timeout,
    int Line)
{
    public bool Cache { get; init; } = Kind.Cached;

    /// <summary>The steps this one waits for: its <see cref="Needs"/> and every step its inputs reference, without repeats.</summary>
    public IReadOnlyList<string> DependsOn { get; } =
        [.. Needs.Concat(With.Values.SelectMany(v => v.References).Where(r => r.Step is not null).Select(r => r.Step!)).Distinct(StringComparer.Ordinal)];
}
