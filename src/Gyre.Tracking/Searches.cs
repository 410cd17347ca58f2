using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// A runs search, as MLflow's <c>runs/search</c>: <see cref="Filter"/> in MLflow's grammar (e.g.
/// <c>metrics.auc &gt; 0.8 and params.trainer = 'lightgbm'</c>), <see cref="OrderBy"/> entries like
/// <c>"metrics.auc DESC"</c>; default order start time newest first, then run id. Unknown experiment ids
/// match nothing. <see cref="MaxResults"/> is 1..50000.
/// </summary>
public sealed record RunSearch(IReadOnlyList<ExperimentId> ExperimentIds)
{
    public const int DefaultMaxResults = 1000;

    public const int MaxMaxResults = 50_000;

    public string? Filter { get; init; }

    public ViewType ViewType { get; init; } = ViewType.ActiveOnly;

    public int MaxResults { get; init; } = DefaultMaxResults;

    public IReadOnlyList<string>? OrderBy { get; init; }

    public string? PageToken { get; init; }
}

/// <summary>
/// An experiments search, as MLflow's <c>experiments/search</c>: filter on <c>name</c>,
/// <c>creation_time</c>, <c>last_update_time</c> and <c>tags.&lt;key&gt;</c>; order by <c>name</c>,
/// <c>experiment_id</c>, <c>creation_time</c>, <c>last_update_time</c>. Default order: creation time newest
/// first, then experiment id descending. <see cref="MaxResults"/> is 1..50000.
/// </summary>
public sealed record ExperimentSearch
{
    public const int DefaultMaxResults = 1000;

    public string? Filter { get; init; }

    public ViewType ViewType { get; init; } = ViewType.ActiveOnly;

    public int MaxResults { get; init; } = DefaultMaxResults;

    public IReadOnlyList<string>? OrderBy { get; init; }

    public string? PageToken { get; init; }
}
