using Gyre.Tracking;

namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>POST runs/update</c>: only the fields given change; <c>end_time</c> is Unix ms.</summary>
public sealed record UpdateRunRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public RunStatus? Status { get; init; }

    public long? EndTime { get; init; }

    public string? RunName { get; init; }
}

public sealed record UpdateRunResponse
{
    public RunInfoJson? RunInfo { get; init; }
}

/// <summary><c>POST runs/delete</c>: soft delete.</summary>
public sealed record DeleteRunRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }
}

/// <summary><c>POST runs/restore</c>.</summary>
public sealed record RestoreRunRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }
}
