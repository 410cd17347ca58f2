using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary>
/// MLflow's run RPCs: <c>runs/create|get|update|delete|restore|search|log-metric|log-parameter|set-tag|
/// delete-tag|log-batch|log-inputs</c>. Every run-naming request falls back to <c>run_uuid</c> when <c>run_id</c>
/// is empty.
/// </summary>
public static class RunsApi
{
    /// <summary>MLflow's tag naming a run's user (clients send it along with the deprecated user_id).</summary>
    private const string UserTag = "mlflow.user";

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. TrackingRpc.Post<CreateRunRequest>("runs/create", ApiTokenRole.Write, CreateAsync),
        .. TrackingRpc.Get<GetRunRequest>("runs/get", ApiTokenRole.Read, GetAsync),
        .. TrackingRpc.Post<UpdateRunRequest>("runs/update", ApiTokenRole.Write, UpdateAsync),
        .. TrackingRpc.Post<DeleteRunRequest>("runs/delete", ApiTokenRole.Write, DeleteAsync),
        .. TrackingRpc.Post<RestoreRunRequest>("runs/restore", ApiTokenRole.Write, RestoreAsync),
        .. TrackingRpc.Post<SearchRunsRequest>("runs/search", ApiTokenRole.Read, SearchAsync),
        .. TrackingRpc.Post<LogMetricRequest>("runs/log-metric", ApiTokenRole.Write, LogMetricAsync),
        .. TrackingRpc.Post<LogParamRequest>("runs/log-parameter", ApiTokenRole.Write, LogParamAsync),
        .. TrackingRpc.Post<SetTagRequest>("runs/set-tag", ApiTokenRole.Write, SetTagAsync),
        .. TrackingRpc.Post<DeleteTagRequest>("runs/delete-tag", ApiTokenRole.Write, DeleteTagAsync),
        .. TrackingRpc.Post<LogBatchRequest>("runs/log-batch", ApiTokenRole.Write, LogBatchAsync),
        .. TrackingRpc.Post<LogInputsRequest>("runs/log-inputs", ApiTokenRole.Write, LogInputsAsync),
    ];

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static async Task<object> CreateAsync(CreateRunRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var experimentId = string.IsNullOrEmpty(request.ExperimentId) ? ExperimentId.Default : new ExperimentId(request.ExperimentId);
        var tags = RequestLists.Convert(request.Tags, "tags", (tag, field) => tag.ToTag(field));
        TrackingValidation.ValidateRunTags(tags, "tags");
        var userId = !string.IsNullOrEmpty(request.UserId) ? request.UserId : tags.LastOrDefault(t => t.Key == UserTag)?.Value ?? "";
        var startTime = request.StartTime ?? services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var info = await services.Store.CreateRunAsync(experimentId, request.RunName ?? "", userId, startTime, tags, cancellationToken);
        var run = await services.Store.GetRunAsync(info.RunId, cancellationToken);
        return new RunResponse { Run = run.ToJson() };
    }

    private static async Task<object> GetAsync(GetRunRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var run = await services.Store.GetRunAsync(RequiredParameters.RunId(request), cancellationToken);
        return new RunResponse { Run = run.ToJson() };
    }

    private static async Task<object> UpdateAsync(UpdateRunRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var info = await services.Store.UpdateRunAsync(RequiredParameters.RunId(request), request.Status, request.EndTime, request.RunName, cancellationToken);
        return new UpdateRunResponse { RunInfo = info.ToJson() };
    }

    private static async Task<object> DeleteAsync(DeleteRunRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        await services.Store.DeleteRunAsync(RequiredParameters.RunId(request), cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> RestoreAsync(RestoreRunRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        await services.Store.RestoreRunAsync(RequiredParameters.RunId(request), cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> SearchAsync(SearchRunsRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var maxResults = request.MaxResults ?? RunSearch.DefaultMaxResults;
        TrackingValidation.ValidateMaxResults(maxResults);
        var experimentIds = RequestLists.Convert(request.ExperimentIds, "experiment_ids", (id, _) => new ExperimentId(id));
        var page = await services.Store.SearchRunsAsync(
            new RunSearch(experimentIds)
            {
                Filter = string.IsNullOrEmpty(request.Filter) ? null : request.Filter,
                ViewType = request.RunViewType ?? ViewType.ActiveOnly,
                MaxResults = maxResults,
                OrderBy = request.OrderBy,
                PageToken = string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken,
            },
            cancellationToken);
        return new SearchRunsResponse { Runs = [.. page.Items.Select(r => r.ToJson())], NextPageToken = page.NextPageToken };
    }

    private static async Task<object> LogMetricAsync(LogMetricRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var runId = RequiredParameters.RunId(request);
        var metric = new MetricJson { Key = request.Key, Value = request.Value, Timestamp = request.Timestamp, Step = request.Step }.ToMetric();
        SingleValues.CheckKey(metric.Key, "metric");
        await services.Store.LogBatchAsync(runId, [metric], [], [], cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> LogParamAsync(LogParamRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var runId = RequiredParameters.RunId(request);
        var param = new Param(RequiredParameters.NonEmpty(request.Key, "key"), request.Value ?? "");
        SingleValues.CheckKey(param.Key, "param");
        SingleValues.CheckLength(param.Value, TrackingValidation.MaxParamValueLength, "value");
        await services.Store.LogBatchAsync(runId, [], [param], [], cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> SetTagAsync(SetTagRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var runId = RequiredParameters.RunId(request);
        var tag = new Tag(RequiredParameters.NonEmpty(request.Key, "key"), request.Value ?? "");
        SingleValues.CheckKey(tag.Key, "tag");
        SingleValues.CheckLength(tag.Value, TrackingValidation.MaxRunTagValueLength, "value");
        await services.Store.LogBatchAsync(runId, [], [], [tag], cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> DeleteTagAsync(DeleteTagRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        await services.Store.DeleteRunTagAsync(RequiredParameters.RunId(request), RequiredParameters.NonEmpty(request.Key, "key"), cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> LogBatchAsync(LogBatchRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var runId = RequiredParameters.RunId(request);

        // Counts first, as MLflow: an oversized batch is refused before its items are looked at.
        var metricCount = request.Metrics?.Count ?? 0;
        var paramCount = request.Params?.Count ?? 0;
        var tagCount = request.Tags?.Count ?? 0;
        if (metricCount > TrackingValidation.MaxMetricsPerBatch || paramCount > TrackingValidation.MaxParamsPerBatch
            || tagCount > TrackingValidation.MaxTagsPerBatch || metricCount + paramCount + tagCount > TrackingValidation.MaxEntitiesPerBatch)
        {
            TrackingValidation.ValidateBatch(new Metric[metricCount], new Param[paramCount], new Tag[tagCount]);
        }

        var metrics = RequestLists.Convert(request.Metrics, "metrics", (metric, field) => metric.ToMetric(field));
        var parameters = RequestLists.Convert(request.Params, "params", (param, field) => param.ToParam(field));
        var tags = RequestLists.Convert(request.Tags, "tags", (tag, field) => tag.ToTag(field));
        TrackingValidation.ValidateBatch(metrics, parameters, tags);
        await services.Store.LogBatchAsync(runId, metrics, parameters, tags, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> LogInputsAsync(LogInputsRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var runId = RequiredParameters.RunId(request);
        var inputs = RequestLists.Convert(request.Datasets, "datasets", (input, field) => input.ToDatasetInput(field));
        TrackingValidation.ValidateDatasetInputs(inputs);
        await services.Store.LogInputsAsync(runId, inputs, cancellationToken);
        return EmptyResponse.Instance;
    }
}
