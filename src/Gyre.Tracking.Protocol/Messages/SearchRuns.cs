using Gyre.Tracking;

namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// <c>POST runs/search</c>: MLflow's run filter grammar and order_by; <c>max_results</c> 1..50000
/// (default 1000); <c>run_view_type</c> default ACTIVE_ONLY.
/// </summary>
public sealed record SearchRunsRequest
{
    public IReadOnlyList<string>? ExperimentIds { get; init; }

    public string? Filter { get; init; }

    public ViewType? RunViewType { get; init; }

    public int? MaxResults { get; init; }

    public IReadOnlyList<string>? OrderBy { get; init; }

    public string? PageToken { get; init; }
}

/// <summary><see cref="NextPageToken"/> is present only when more runs match.</summary>
public sealed record SearchRunsResponse
{
    public IReadOnlyList<RunJson>? Runs { get; init; }

    public string? NextPageToken { get; init; }
}
