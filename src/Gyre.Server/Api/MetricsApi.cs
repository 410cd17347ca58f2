using Gyre.Core;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary>MLflow's <c>GET metrics/get-history</c>: every point of one metric (one page of <c>max_results</c> when given).</summary>
public static class MetricsApi
{
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. TrackingRpc.Get<GetMetricHistoryRequest>("metrics/get-history", ApiTokenRole.Read, GetHistoryAsync),
    ];

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static async Task<object> GetHistoryAsync(GetMetricHistoryRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var runId = RequiredParameters.RunId(request);
        var key = RequiredParameters.NonEmpty(request.MetricKey, "metric_key");
        if (request.MaxResults is < 1)
        {
            throw GyreException.InvalidInput($"Invalid value {request.MaxResults} for parameter 'max_results': it must be at least 1.");
        }

        var page = await services.Store.GetMetricHistoryAsync(
            runId, key, request.MaxResults, string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken, cancellationToken);
        return new GetMetricHistoryResponse { Metrics = [.. page.Items.Select(m => m.ToJson())], NextPageToken = page.NextPageToken };
    }
}
