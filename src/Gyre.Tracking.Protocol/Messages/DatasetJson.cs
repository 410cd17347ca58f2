namespace Gyre.Tracking.Protocol.Messages;

/// <summary>MLflow's <c>Dataset</c> message; name, digest, source type and source are required in requests.</summary>
public sealed record DatasetJson
{
    public string? Name { get; init; }

    public string? Digest { get; init; }

    public string? SourceType { get; init; }

    public string? Source { get; init; }

    public string? Schema { get; init; }

    public string? Profile { get; init; }
}
