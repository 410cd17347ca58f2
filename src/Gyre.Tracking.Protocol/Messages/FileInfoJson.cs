namespace Gyre.Tracking.Protocol.Messages;

/// <summary>MLflow's <c>FileInfo</c> message; <see cref="FileSize"/> (bytes) is absent for folders.</summary>
public sealed record FileInfoJson
{
    public string? Path { get; init; }

    public bool? IsDir { get; init; }

    public long? FileSize { get; init; }
}
