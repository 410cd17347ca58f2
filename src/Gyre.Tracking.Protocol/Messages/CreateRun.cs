namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// <c>POST runs/create</c>. An absent <c>experiment_id</c> means the Default experiment "0", an absent
/// <c>start_time</c> (Unix ms) the server's clock; the name is <c>run_name</c>, else the tag
/// <c>mlflow.runName</c>, else generated.
/// </summary>
public sealed record CreateRunRequest
{
    public string? ExperimentId { get; init; }

    public string? UserId { get; init; }

    public string? RunName { get; init; }

    public long? StartTime { get; init; }

    public IReadOnlyList<TagJson>? Tags { get; init; }
}

/// <summary>The answer of <c>runs/create</c> and <c>runs/get</c>.</summary>
public sealed record RunResponse
{
    public RunJson? Run { get; init; }
}

/// <summary><c>GET runs/get?run_id=</c>; answered by <see cref="RunResponse"/>.</summary>
public sealed record GetRunRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }
}
