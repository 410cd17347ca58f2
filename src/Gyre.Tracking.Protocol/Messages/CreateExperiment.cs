namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>POST experiments/create</c>: <c>name</c> is required.</summary>
public sealed record CreateExperimentRequest
{
    public string? Name { get; init; }

    public string? ArtifactLocation { get; init; }

    public IReadOnlyList<TagJson>? Tags { get; init; }
}

public sealed record CreateExperimentResponse
{
    public string? ExperimentId { get; init; }
}
