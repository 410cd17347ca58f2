using System.Globalization;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;

namespace Gyre.Client.Rest;

/// <summary>
/// An <see cref="ITrackingStore"/> on a Gyre or MLflow tracking server, over MLflow's REST API 2.0
/// (<c>/api/2.0/mlflow/...</c>), with one keep-alive connection pool. Server errors come back as
/// <see cref="GyreException"/> with the server's message and the kind of its <c>error_code</c>
/// (<see cref="MlflowErrorCodes.ToKind"/>: MLflow answers INVALID_PARAMETER_VALUE for writes to deleted
/// runs, which therefore arrive as InvalidInput unless the server says otherwise); an unreachable server is Internal.
/// <para>
/// Retries (<see cref="RestConnectionOptions.MaxRetries"/>, exponential backoff): reads and writes whose
/// repetition changes nothing (update/delete/restore a run, rename/delete an experiment, set tags, log
/// params and tags, log inputs) after 429, 502, 503, 504, connection failures and timeouts. Writes that a
/// repetition would apply twice (log-batch with metrics, create experiment or run, delete a tag) only after
/// 429 or 503 and when the connection could not be opened, so a metric is never stored twice. 4xx
/// answers are never retried.
/// </para>
/// Thread-safe. Dispose closes the connections.
/// </summary>
public sealed class RestTrackingStore : ITrackingStore, IDisposable
{
    private readonly MlflowHttpTransport transport;

    /// <param name="serverUri">The server's base URL, e.g. <c>http://127.0.0.1:5000</c>.</param>
    public RestTrackingStore(Uri serverUri, RestConnectionOptions? options = null)
        => transport = new MlflowHttpTransport(serverUri, options ?? new RestConnectionOptions());

    /// <summary>The server's base URL (ending in '/').</summary>
    public Uri ServerUri => transport.ServerUri;

    /// <summary>
    /// The server's artifact proxy as an artifact repository sharing this store's connections (use it only
    /// while this store is alive); <c>new ArtifactStore(store.CreateArtifactRepository())</c> is the runs' artifact store.
    /// </summary>
    public HttpArtifactRepository CreateArtifactRepository() => new(transport);

    public async Task<ExperimentId> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken)
    {
        var response = await transport.PostAsync<CreateExperimentRequest, CreateExperimentResponse>(
            "experiments/create",
            new CreateExperimentRequest { Name = name, ArtifactLocation = artifactLocation, Tags = ToJson(tags) },
            RetryMode.NotIdempotent,
            cancellationToken).ConfigureAwait(false);
        return new ExperimentId(Required(response.ExperimentId, "experiment_id", "experiments/create"));
    }

    public async Task<Experiment> GetExperimentAsync(ExperimentId id, CancellationToken cancellationToken)
    {
        var response = await transport.GetAsync<GetExperimentResponse>("experiments/get", [("experiment_id", id.Value)], cancellationToken).ConfigureAwait(false);
        return Required(response.Experiment, "experiment", "experiments/get").ToExperiment();
    }

    public async Task<Experiment?> FindExperimentByNameAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await transport.GetAsync<GetExperimentResponse>("experiments/get-by-name", [("experiment_name", name)], cancellationToken).ConfigureAwait(false);
            return Required(response.Experiment, "experiment", "experiments/get-by-name").ToExperiment();
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    public async Task<Page<Experiment>> SearchExperimentsAsync(ExperimentSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var response = await transport.PostAsync<SearchExperimentsRequest, SearchExperimentsResponse>(
            "experiments/search",
            new SearchExperimentsRequest
            {
                MaxResults = search.MaxResults,
                PageToken = search.PageToken,
                Filter = search.Filter,
                OrderBy = search.OrderBy,
                ViewType = search.ViewType,
            },
            RetryMode.Idempotent,
            cancellationToken).ConfigureAwait(false);
        return new Page<Experiment>([.. (response.Experiments ?? []).Select(e => e.ToExperiment())], NullIfEmpty(response.NextPageToken));
    }

    public Task RenameExperimentAsync(ExperimentId id, string newName, CancellationToken cancellationToken) =>
        PostAsync("experiments/update", new UpdateExperimentRequest { ExperimentId = id.Value, NewName = newName }, RetryMode.Idempotent, cancellationToken);

    public Task DeleteExperimentAsync(ExperimentId id, CancellationToken cancellationToken) =>
        PostAsync("experiments/delete", new DeleteExperimentRequest { ExperimentId = id.Value }, RetryMode.Idempotent, cancellationToken);

    public Task RestoreExperimentAsync(ExperimentId id, CancellationToken cancellationToken) =>
        PostAsync("experiments/restore", new RestoreExperimentRequest { ExperimentId = id.Value }, RetryMode.NotIdempotent, cancellationToken);

    public Task SetExperimentTagAsync(ExperimentId id, Tag tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return PostAsync("experiments/set-experiment-tag", new SetExperimentTagRequest { ExperimentId = id.Value, Key = tag.Key, Value = tag.Value }, RetryMode.Idempotent, cancellationToken);
    }

    public Task DeleteExperimentTagAsync(ExperimentId id, string key, CancellationToken cancellationToken) =>
        PostAsync("experiments/delete-experiment-tag", new DeleteExperimentTagRequest { ExperimentId = id.Value, Key = key }, RetryMode.NotIdempotent, cancellationToken);

    public async Task<RunInfo> CreateRunAsync(ExperimentId experimentId, string runName, string userId, long startTime, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken)
    {
        var response = await transport.PostAsync<CreateRunRequest, RunResponse>(
            "runs/create",
            new CreateRunRequest
            {
                ExperimentId = experimentId.Value,
                UserId = userId,
                RunName = string.IsNullOrEmpty(runName) ? null : runName,
                StartTime = startTime,
                Tags = ToJson(tags),
            },
            RetryMode.NotIdempotent,
            cancellationToken).ConfigureAwait(false);
        return Required(response.Run, "run", "runs/create").ToRun().Info;
    }

    public async Task<Run> GetRunAsync(RunId runId, CancellationToken cancellationToken)
    {
        var response = await transport.GetAsync<RunResponse>("runs/get", [("run_id", runId.Value)], cancellationToken).ConfigureAwait(false);
        return Required(response.Run, "run", "runs/get").ToRun();
    }

    public async Task<RunInfo> UpdateRunAsync(RunId runId, RunStatus? status, long? endTime, string? runName, CancellationToken cancellationToken)
    {
        var response = await transport.PostAsync<UpdateRunRequest, UpdateRunResponse>(
            "runs/update",
            new UpdateRunRequest { RunId = runId.Value, Status = status, EndTime = endTime, RunName = string.IsNullOrEmpty(runName) ? null : runName },
            RetryMode.Idempotent,
            cancellationToken).ConfigureAwait(false);
        return Required(response.RunInfo, "run_info", "runs/update").ToRunInfo();
    }

    public Task DeleteRunAsync(RunId runId, CancellationToken cancellationToken) =>
        PostAsync("runs/delete", new DeleteRunRequest { RunId = runId.Value }, RetryMode.Idempotent, cancellationToken);

    public Task RestoreRunAsync(RunId runId, CancellationToken cancellationToken) =>
        PostAsync("runs/restore", new RestoreRunRequest { RunId = runId.Value }, RetryMode.Idempotent, cancellationToken);

    /// <summary>One <c>runs/log-batch</c> call; retried as an idempotent write only when it holds no metrics.</summary>
    public Task LogBatchAsync(RunId runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        return PostAsync(
            "runs/log-batch",
            new LogBatchRequest
            {
                RunId = runId.Value,
                Metrics = [.. metrics.Select(m => m.ToJson())],
                Params = [.. parameters.Select(p => p.ToJson())],
                Tags = [.. tags.Select(t => t.ToJson())],
            },
            metrics.Count == 0 ? RetryMode.Idempotent : RetryMode.NotIdempotent,
            cancellationToken);
    }

    public Task DeleteRunTagAsync(RunId runId, string key, CancellationToken cancellationToken) =>
        PostAsync("runs/delete-tag", new DeleteTagRequest { RunId = runId.Value, Key = key }, RetryMode.NotIdempotent, cancellationToken);

    public Task LogInputsAsync(RunId runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken)
    {
        // Checked here too so that messages name fields as every store does ('datasets[1].name'), not by their wire path.
        TrackingValidation.ValidateDatasetInputs(inputs);
        return PostAsync("runs/log-inputs", new LogInputsRequest { RunId = runId.Value, Datasets = [.. inputs.Select(i => i.ToJson())] }, RetryMode.Idempotent, cancellationToken);
    }

    public async Task<Page<Metric>> GetMetricHistoryAsync(RunId runId, string metricKey, int? maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        var response = await transport.GetAsync<GetMetricHistoryResponse>(
            "metrics/get-history",
            [
                ("run_id", runId.Value),
                ("metric_key", metricKey),
                ("max_results", maxResults?.ToString(CultureInfo.InvariantCulture)),
                ("page_token", pageToken),
            ],
            cancellationToken).ConfigureAwait(false);
        return new Page<Metric>([.. (response.Metrics ?? []).Select((m, i) => m.ToMetric($"metrics[{i}]"))], NullIfEmpty(response.NextPageToken));
    }

    public async Task<Page<Run>> SearchRunsAsync(RunSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var response = await transport.PostAsync<SearchRunsRequest, SearchRunsResponse>(
            "runs/search",
            new SearchRunsRequest
            {
                ExperimentIds = [.. search.ExperimentIds.Select(id => id.Value)],
                Filter = search.Filter,
                RunViewType = search.ViewType,
                MaxResults = search.MaxResults,
                OrderBy = search.OrderBy,
                PageToken = search.PageToken,
            },
            RetryMode.Idempotent,
            cancellationToken).ConfigureAwait(false);
        return new Page<Run>([.. (response.Runs ?? []).Select(r => r.ToRun())], NullIfEmpty(response.NextPageToken));
    }

    public void Dispose() => transport.Dispose();

    private async Task PostAsync<TRequest>(string endpoint, TRequest request, RetryMode retry, CancellationToken cancellationToken) =>
        await transport.PostAsync<TRequest, EmptyResponse>(endpoint, request, retry, cancellationToken).ConfigureAwait(false);

    private static List<TagJson>? ToJson(IReadOnlyList<Tag>? tags) => tags is null ? null : [.. tags.Select(t => t.ToJson())];

    private static string? NullIfEmpty(string? token) => string.IsNullOrEmpty(token) ? null : token;

    private static T Required<T>(T? value, string field, string endpoint)
        where T : class =>
        value ?? throw new GyreException(ErrorKind.Internal, $"The tracking server's answer to {endpoint} has no '{field}'.");
}
