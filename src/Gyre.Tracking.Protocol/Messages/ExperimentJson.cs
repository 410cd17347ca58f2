namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// MLflow's <c>Experiment</c> message. Times are Unix milliseconds; <see cref="LifecycleStage"/> is
/// <c>"active"</c> or <c>"deleted"</c>.
/// </summary>
public sealed record ExperimentJson
{
    public string? ExperimentId { get; init; }

    public string? Name { get; init; }

    public string? ArtifactLocation { get; init; }

    public string? LifecycleStage { get; init; }

    public long? LastUpdateTime { get; init; }

    public long? CreationTime { get; init; }

    public IReadOnlyList<TagJson>? Tags { get; init; }
}
