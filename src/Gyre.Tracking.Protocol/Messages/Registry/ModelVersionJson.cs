using Gyre.Registry;

namespace Gyre.Tracking.Protocol.Messages.Registry;

/// <summary>
/// MLflow's <c>ModelVersion</c> message: <see cref="Version"/> is a string (<c>"1"</c>), <see cref="CurrentStage"/>
/// one of <c>None|Staging|Production|Archived</c>, <see cref="Status"/> written as <c>READY</c> (etc.),
/// <see cref="Aliases"/> the alias names pointing at this version, <see cref="GyrePackage"/> Gyre's package facts. Times are
/// Unix milliseconds.
/// </summary>
public sealed record ModelVersionJson
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public long? CreationTimestamp { get; init; }

    public long? LastUpdatedTimestamp { get; init; }

    public string? UserId { get; init; }

    public string? CurrentStage { get; init; }

    public string? Description { get; init; }

    public string? Source { get; init; }

    public string? RunId { get; init; }

    public ModelVersionStatus? Status { get; init; }

    public string? StatusMessage { get; init; }

    public IReadOnlyList<TagJson>? Tags { get; init; }

    public string? RunLink { get; init; }

    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>Gyre's extension, present only when the version has package facts (MLflow clients ignore unknown fields).</summary>
    public GyrePackageJson? GyrePackage { get; init; }
}
