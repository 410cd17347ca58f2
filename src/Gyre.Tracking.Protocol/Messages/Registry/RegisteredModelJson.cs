namespace Gyre.Tracking.Protocol.Messages.Registry;

/// <summary>
/// MLflow's <c>RegisteredModel</c> message. Times are Unix milliseconds; <see cref="LatestVersions"/> holds the
/// newest READY version per stage; <see cref="UserId"/> is never filled (MLflow does not return it).
/// </summary>
public sealed record RegisteredModelJson
{
    public string? Name { get; init; }

    public long? CreationTimestamp { get; init; }

    public long? LastUpdatedTimestamp { get; init; }

    public string? UserId { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ModelVersionJson>? LatestVersions { get; init; }

    public IReadOnlyList<TagJson>? Tags { get; init; }

    public IReadOnlyList<RegisteredModelAliasJson>? Aliases { get; init; }
}

/// <summary>MLflow's <c>RegisteredModelAlias</c>: an alias and the version it names, as a string (<c>"3"</c>).</summary>
public sealed record RegisteredModelAliasJson
{
    public string? Alias { get; init; }

    public string? Version { get; init; }
}
