using Gyre.Tracking;

namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// <c>GET|POST experiments/search</c>: MLflow's experiment filter grammar and order_by; page size
/// <c>max_results</c> 1..50000 (default 1000); <c>view_type</c> default ACTIVE_ONLY.
/// </summary>
public sealed record SearchExperimentsRequest
{
    public int? MaxResults { get; init; }

    public string? PageToken { get; init; }

    public string? Filter { get; init; }

    public IReadOnlyList<string>? OrderBy { get; init; }

    public ViewType? ViewType { get; init; }
}

/// <summary><see cref="NextPageToken"/> is present only when more experiments match.</summary>
public sealed record SearchExperimentsResponse
{
    public IReadOnlyList<ExperimentJson>? Experiments { get; init; }

    public string? NextPageToken { get; init; }
}

/// <summary>
/// <c>GET experiments/list</c>, removed in MLflow 2.0 but still called by old clients (npm
/// <c>mlflow</c> 2.0.7): every experiment of <c>view_type</c>, answered by <see cref="SearchExperimentsResponse"/>.
/// </summary>
public sealed record ListExperimentsRequest
{
    public ViewType? ViewType { get; init; }
}
