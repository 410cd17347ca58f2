namespace Gyre.Tracking.Protocol.Messages.Registry;

/// <summary><c>POST registered-models/alias</c>: points the alias at the version, moving it if it exists.</summary>
public sealed record SetRegisteredModelAliasRequest
{
    public string? Name { get; init; }

    public string? Alias { get; init; }

    public string? Version { get; init; }
}

/// <summary><c>DELETE registered-models/alias</c>.</summary>
public sealed record DeleteRegisteredModelAliasRequest
{
    public string? Name { get; init; }

    public string? Alias { get; init; }
}

/// <summary><c>GET registered-models/alias?name=&amp;alias=</c>: answered by <see cref="ModelVersionResponse"/>.</summary>
public sealed record GetModelVersionByAliasRequest
{
    public string? Name { get; init; }

    public string? Alias { get; init; }
}
