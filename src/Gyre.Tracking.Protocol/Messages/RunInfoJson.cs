using Gyre.Tracking;

namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// MLflow's <c>RunInfo</c> message. <see cref="RunUuid"/> repeats <see cref="RunId"/> (deprecated
/// alias); times are Unix milliseconds; <see cref="EndTime"/> is absent while the run is unfinished.
/// </summary>
public sealed record RunInfoJson
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public string? RunName { get; init; }

    public string? ExperimentId { get; init; }

    public string? UserId { get; init; }

    public RunStatus? Status { get; init; }

    public long? StartTime { get; init; }

    public long? EndTime { get; init; }

    public string? ArtifactUri { get; init; }

    public string? LifecycleStage { get; init; }
}
