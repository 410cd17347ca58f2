namespace Gyre.Tracking.Protocol.Messages;

/// <summary><c>GET metrics/get-history</c>: every point of one metric when <c>max_results</c> is absent.</summary>
public sealed record GetMetricHistoryRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public string? MetricKey { get; init; }

    public string? PageToken { get; init; }

    public int? MaxResults { get; init; }
}

public sealed record GetMetricHistoryResponse
{
    public IReadOnlyList<MetricJson>? Metrics { get; init; }

    public string? NextPageToken { get; init; }
}
