namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>POST runs/log-parameter</c>: params are write-once (the same value again is accepted).</summary>
public sealed record LogParamRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public string? Key { get; init; }

    public string? Value { get; init; }
}
