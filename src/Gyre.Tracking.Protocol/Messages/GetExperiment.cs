namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>GET experiments/get?experiment_id=</c> (active or deleted experiments).</summary>
public sealed record GetExperimentRequest
{
    public string? ExperimentId { get; init; }
}

/// <summary>The answer of <c>experiments/get</c> and <c>experiments/get-by-name</c>.</summary>
public sealed record GetExperimentResponse
{
    public ExperimentJson? Experiment { get; init; }
}

/// <summary><c>GET experiments/get-by-name?experiment_name=</c>; answered by <see cref="GetExperimentResponse"/>.</summary>
public sealed record GetExperimentByNameRequest
{
    public string? ExperimentName { get; init; }
}
