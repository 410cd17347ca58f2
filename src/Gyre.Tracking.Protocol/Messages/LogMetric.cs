namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>POST runs/log-metric</c>: appends one point; key, value and timestamp (Unix ms) are required, step defaults to 0.</summary>
public sealed record LogMetricRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public string? Key { get; init; }

    public double? Value { get; init; }

    public long? Timestamp { get; init; }

    public long? Step { get; init; }
}
