namespace Gyre.Tracking.Protocol.Messages.Registry;

/// <summary>
/// <c>POST model-versions/create</c>: version max+1 of model <see cref="Name"/>, at <see cref="Source"/> (an artifact
/// URI or path without <c>..</c> segments); <see cref="RunId"/> optional.
/// </summary>
public sealed record CreateModelVersionRequest
{
    public string? Name { get; init; }

    public string? Source { get; init; }

    public string? RunId { get; init; }

    public IReadOnlyList<TagJson?>? Tags { get; init; }

    public string? RunLink { get; init; }

    public string? Description { get; init; }
}

/// <summary>The answer of model-versions create, get, update, transition-stage and registered-models/alias GET.</summary>
public sealed record ModelVersionResponse
{
    public ModelVersionJson? ModelVersion { get; init; }
}

/// <summary><c>GET model-versions/get?name=&amp;version=</c>.</summary>
public sealed record GetModelVersionRequest
{
    public string? Name { get; init; }

    public string? Version { get; init; }
}

/// <summary><c>PATCH model-versions/update</c>: sets the description.</summary>
public sealed record UpdateModelVersionRequest
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Description { get; init; }
}

/// <summary><c>DELETE model-versions/delete</c> (JSON body), with the aliases pointing at the version.</summary>
public sealed record DeleteModelVersionRequest
{
    public string? Name { get; init; }

    public string? Version { get; init; }
}

/// <summary>
/// <c>POST model-versions/transition-stage</c>: <see cref="Stage"/> one of None, Staging, Production, Archived
/// (case-insensitive); <see cref="ArchiveExistingVersions"/> moves the other versions in that stage to Archived.
/// </summary>
public sealed record TransitionModelVersionStageRequest
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Stage { get; init; }

    public bool? ArchiveExistingVersions { get; init; }
}

/// <summary><c>GET model-versions/search</c>: filter on name, version_number, run_id, source_path, tags.KEY; <c>max_results</c> 1..200000 (default 10000).</summary>
public sealed record SearchModelVersionsRequest
{
    public string? Filter { get; init; }

    public int? MaxResults { get; init; }

    public IReadOnlyList<string>? OrderBy { get; init; }

    public string? PageToken { get; init; }
}

/// <summary><see cref="NextPageToken"/> is present only when more versions match.</summary>
public sealed record SearchModelVersionsResponse
{
    public IReadOnlyList<ModelVersionJson>? ModelVersions { get; init; }

    public string? NextPageToken { get; init; }
}

/// <summary><c>GET model-versions/get-download-uri?name=&amp;version=</c>.</summary>
public sealed record GetModelVersionDownloadUriRequest
{
    public string? Name { get; init; }

    public string? Version { get; init; }
}

/// <summary>Where the version's files are: its source with <c>runs:/RUN/path</c> resolved to the run's artifact URI.</summary>
public sealed record GetModelVersionDownloadUriResponse
{
    public string? ArtifactUri { get; init; }
}

/// <summary><c>POST model-versions/set-tag</c>: key ≤ 250, value ≤ 5000 characters; an absent value is "".</summary>
public sealed record SetModelVersionTagRequest
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Key { get; init; }

    public string? Value { get; init; }
}

/// <summary><c>DELETE model-versions/delete-tag</c>.</summary>
public sealed record DeleteModelVersionTagRequest
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Key { get; init; }
}
