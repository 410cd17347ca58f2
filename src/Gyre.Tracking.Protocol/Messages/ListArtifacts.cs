namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>GET artifacts/list</c>: the direct children of folder <c>path</c> (absent = the run's artifact root).</summary>
public sealed record ListArtifactsRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public string? Path { get; init; }

    public string? PageToken { get; init; }
}

/// <summary>
/// <see cref="RootUri"/> is the run's artifact URI; file paths are relative to it and include the
/// requested folder.
/// </summary>
public sealed record ListArtifactsResponse
{
    public string? RootUri { get; init; }

    public IReadOnlyList<FileInfoJson>? Files { get; init; }

    public string? NextPageToken { get; init; }
}

/// <summary>
/// The artifact proxy's listing, <c>GET /api/2.0/mlflow-artifacts/artifacts?path=</c>: file paths are
/// base names only.
/// </summary>
public sealed record ListProxiedArtifactsResponse
{
    public IReadOnlyList<FileInfoJson>? Files { get; init; }
}
