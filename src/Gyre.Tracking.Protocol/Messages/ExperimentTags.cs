namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>POST experiments/set-experiment-tag</c>: overwrites; an absent value is "".</summary>
public sealed record SetExperimentTagRequest
{
    public string? ExperimentId { get; init; }

    public string? Key { get; init; }

    public string? Value { get; init; }
}

/// <summary><c>POST experiments/delete-experiment-tag</c>.</summary>
public sealed record DeleteExperimentTagRequest
{
    public string? ExperimentId { get; init; }

    public string? Key { get; init; }
}
