namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>POST experiments/update</c>: renames; both fields are required.</summary>
public sealed record UpdateExperimentRequest
{
    public string? ExperimentId { get; init; }

    public string? NewName { get; init; }
}

/// <summary><c>POST experiments/delete</c>: soft delete, with the experiment's runs.</summary>
public sealed record DeleteExperimentRequest
{
    public string? ExperimentId { get; init; }
}

/// <summary><c>POST experiments/restore</c>.</summary>
public sealed record RestoreExperimentRequest
{
    public string? ExperimentId { get; init; }
}
