using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>Conveniences derived from the store's core calls.</summary>
public static class TrackingStoreExtensions
{
    public static Task LogMetricAsync(this ITrackingStore store, RunId runId, Metric metric, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.LogBatchAsync(runId, [metric], [], [], cancellationToken);
    }

    public static Task LogParamAsync(this ITrackingStore store, RunId runId, Param param, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.LogBatchAsync(runId, [], [param], [], cancellationToken);
    }

    public static Task SetTagAsync(this ITrackingStore store, RunId runId, Tag tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.LogBatchAsync(runId, [], [], [tag], cancellationToken);
    }

    /// <summary>Creates an experiment at the store's default artifact location.</summary>
    public static Task<ExperimentId> CreateExperimentAsync(this ITrackingStore store, string name, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.CreateExperimentAsync(name, null, tags, cancellationToken);
    }

    /// <summary>The experiment with this name, created when absent. Safe when several callers race to create it: the
    /// losers find the winner's.</summary>
    public static async Task<ExperimentId> GetOrCreateExperimentAsync(this ITrackingStore store, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.FindExperimentByNameAsync(name, cancellationToken) is { } existing)
        {
            return existing.Id;
        }

        try
        {
            return await store.CreateExperimentAsync(name, null, null, cancellationToken);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.AlreadyExists)
        {
            // Another caller created it between the lookup and the create (or it is deleted: then the error stands).
            var created = await store.FindExperimentByNameAsync(name, cancellationToken);
            if (created is null)
            {
                throw;
            }

            return created.Id;
        }
    }

    /// <summary>One page of experiments in the default order (creation time, newest first).</summary>
    public static Task<Page<Experiment>> SearchExperimentsAsync(this ITrackingStore store, ViewType viewType, int maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.SearchExperimentsAsync(new ExperimentSearch { ViewType = viewType, MaxResults = maxResults, PageToken = pageToken }, cancellationToken);
    }

    /// <summary>One page of runs of the given experiments in the default order (start time, newest first, then run id).</summary>
    public static Task<Page<Run>> SearchRunsAsync(this ITrackingStore store, IReadOnlyList<ExperimentId> experimentIds, ViewType viewType, int maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.SearchRunsAsync(new RunSearch(experimentIds) { ViewType = viewType, MaxResults = maxResults, PageToken = pageToken }, cancellationToken);
    }

    /// <summary>Every observation of one metric, ordered by step then timestamp.</summary>
    public static async Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(this ITrackingStore store, RunId runId, string metricKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var page = await store.GetMetricHistoryAsync(runId, metricKey, null, null, cancellationToken);
        return page.Items;
    }
}
