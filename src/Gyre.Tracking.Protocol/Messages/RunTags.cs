namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>POST runs/set-tag</c>: overwrites; an absent value is "".</summary>
public sealed record SetTagRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public string? Key { get; init; }

    public string? Value { get; init; }
}

/// <summary><c>POST runs/delete-tag</c>: an unknown tag is RESOURCE_DOES_NOT_EXIST.</summary>
public sealed record DeleteTagRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public string? Key { get; init; }
}
