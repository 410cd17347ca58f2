namespace Gyre.Tracking.Protocol.Messages.Registry;

/// <summary>
/// <c>POST /api/2.0/gyre/registry/model-versions/create</c>: MLflow's <see cref="CreateModelVersionRequest"/> plus what
/// it cannot carry: the package facts Gyre verified (<see cref="Package"/>), aliases to point at the new version in
/// the same transaction (<see cref="Aliases"/>) and aliases given only when the version is the model's first
/// (<see cref="AliasesIfFirst"/>). Answered by <see cref="ModelVersionResponse"/>.
/// </summary>
public sealed record CreateGyreModelVersionRequest
{
    public string? Name { get; init; }

    public string? Source { get; init; }

    public string? RunId { get; init; }

    public IReadOnlyList<TagJson?>? Tags { get; init; }

    public string? RunLink { get; init; }

    public string? Description { get; init; }

    public GyrePackageJson? Package { get; init; }

    public IReadOnlyList<string?>? Aliases { get; init; }

    public IReadOnlyList<string?>? AliasesIfFirst { get; init; }
}

/// <summary>
/// <c>POST /api/2.0/gyre/registry/aliases/set</c>: MLflow's alias set with <see cref="DetailsJson"/> (JSON text) recorded
/// in the audit entry. Answered by <see cref="EmptyResponse"/>.
/// </summary>
public sealed record SetGyreAliasRequest
{
    public string? Name { get; init; }

    public string? Alias { get; init; }

    public string? Version { get; init; }

    public string? DetailsJson { get; init; }
}

/// <summary>
/// <c>POST /api/2.0/gyre/registry/aliases/promote</c>: compare-and-set of an alias: points <see cref="Alias"/> at
/// <see cref="Version"/> only while it still points at <see cref="ExpectedCurrentVersion"/> (absent = only when the
/// alias does not exist); otherwise INVALID_PARAMETER_VALUE with <c>gyre_error_kind</c> InvalidState. Answered by <see cref="EmptyResponse"/>.
/// </summary>
public sealed record PromoteAliasRequest
{
    public string? Name { get; init; }

    public string? Alias { get; init; }

    public string? Version { get; init; }

    public string? ExpectedCurrentVersion { get; init; }

    public string? DetailsJson { get; init; }
}

/// <summary>
/// <c>POST /api/2.0/gyre/registry/audit/append</c>: an audit entry that records no store change (e.g. a refused
/// promotion); <see cref="Version"/> and <see cref="Alias"/> optional. Answered by <see cref="EmptyResponse"/>.
/// </summary>
public sealed record AppendAuditRequest
{
    public string? Name { get; init; }

    public string? Action { get; init; }

    public string? Version { get; init; }

    public string? Alias { get; init; }

    public string? DetailsJson { get; init; }
}

/// <summary><c>GET /api/2.0/gyre/registry/audit/get?name=</c>: the model's audit log, oldest first (also for a former name).</summary>
public sealed record GetAuditLogRequest
{
    public string? Name { get; init; }
}

/// <summary>The answer of <c>audit/get</c>; no entries = the field is absent.</summary>
public sealed record GetAuditLogResponse
{
    public IReadOnlyList<AuditEntryJson>? Entries { get; init; }
}

/// <summary>One audit entry: <see cref="Time"/> in Unix milliseconds, <see cref="Version"/> as a string (<c>"3"</c>) when the entry names one.</summary>
public sealed record AuditEntryJson
{
    public long? Sequence { get; init; }

    public long? Time { get; init; }

    public string? User { get; init; }

    public string? Action { get; init; }

    public string? ModelName { get; init; }

    public string? Version { get; init; }

    public string? Alias { get; init; }

    public string? Reason { get; init; }

    public string? DetailsJson { get; init; }
}
