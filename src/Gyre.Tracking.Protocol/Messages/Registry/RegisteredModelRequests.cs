namespace Gyre.Tracking.Protocol.Messages.Registry;

/// <summary><c>POST registered-models/create</c>: a taken name is RESOURCE_ALREADY_EXISTS.</summary>
public sealed record CreateRegisteredModelRequest
{
    public string? Name { get; init; }

    public IReadOnlyList<TagJson?>? Tags { get; init; }

    public string? Description { get; init; }
}

/// <summary><c>POST registered-models/rename</c>: versions, aliases and history follow the model.</summary>
public sealed record RenameRegisteredModelRequest
{
    public string? Name { get; init; }

    public string? NewName { get; init; }
}

/// <summary><c>PATCH registered-models/update</c>: sets the description (absent = cleared).</summary>
public sealed record UpdateRegisteredModelRequest
{
    public string? Name { get; init; }

    public string? Description { get; init; }
}

/// <summary><c>DELETE registered-models/delete</c> (JSON body): the model with its versions.</summary>
public sealed record DeleteRegisteredModelRequest
{
    public string? Name { get; init; }
}

/// <summary><c>GET registered-models/get?name=</c>.</summary>
public sealed record GetRegisteredModelRequest
{
    public string? Name { get; init; }
}

/// <summary>The answer of registered-models create, rename, update and get.</summary>
public sealed record RegisteredModelResponse
{
    public RegisteredModelJson? RegisteredModel { get; init; }
}

/// <summary><c>GET registered-models/search</c>: filter on <c>name</c> and <c>tags.KEY</c>; <c>max_results</c> 1..1000 (default 100).</summary>
public sealed record SearchRegisteredModelsRequest
{
    public string? Filter { get; init; }

    public int? MaxResults { get; init; }

    public IReadOnlyList<string>? OrderBy { get; init; }

    public string? PageToken { get; init; }
}

/// <summary><see cref="NextPageToken"/> is present only when more models match.</summary>
public sealed record SearchRegisteredModelsResponse
{
    public IReadOnlyList<RegisteredModelJson>? RegisteredModels { get; init; }

    public string? NextPageToken { get; init; }
}

/// <summary><c>GET|POST registered-models/get-latest-versions</c>: the newest version per stage (no stages = every stage).</summary>
public sealed record GetLatestVersionsRequest
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? Stages { get; init; }
}

/// <summary>The answer of get-latest-versions.</summary>
public sealed record ModelVersionsResponse
{
    public IReadOnlyList<ModelVersionJson>? ModelVersions { get; init; }
}

/// <summary><c>POST registered-models/set-tag</c>: key ≤ 250, value ≤ 5000 characters; an absent value is "".</summary>
public sealed record SetRegisteredModelTagRequest
{
    public string? Name { get; init; }

    public string? Key { get; init; }

    public string? Value { get; init; }
}

/// <summary><c>DELETE registered-models/delete-tag</c>.</summary>
public sealed record DeleteRegisteredModelTagRequest
{
    public string? Name { get; init; }

    public string? Key { get; init; }
}
