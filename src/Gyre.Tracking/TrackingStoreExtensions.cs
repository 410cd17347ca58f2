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

    /// <summary>The experiment with this name, created when absent.</summary>
    public static async Task<ExperimentId> GetOrCreateExperimentAsync(this ITrackingStore store, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var existing = await store.FindExperimentByNameAsync(name, cancellationToken);
        return existing?.Id ?? await store.CreateExperimentAsync(name, null, cancellationToken);
    }
}
