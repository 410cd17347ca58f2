using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// Experiments and runs, modeled on MLflow's tracking store. Implementations are thread-safe and every
/// write is atomic: after a crash the store holds either all of a call's writes or none.
/// Errors: <see cref="GyreException"/> with NotFound for unknown ids, AlreadyExists for a taken
/// experiment name, InvalidInput for bad values (e.g. a param logged again with another value),
/// InvalidState for writes to a deleted run.
/// </summary>
public interface ITrackingStore
{
    /// <summary>Creates an experiment; its artifact location defaults to the store's root for it.</summary>
    Task<ExperimentId> CreateExperimentAsync(string name, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken);

    Task<Experiment> GetExperimentAsync(ExperimentId id, CancellationToken cancellationToken);

    /// <summary>The experiment with this name (active or deleted), or null.</summary>
    Task<Experiment?> FindExperimentByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Experiments ordered by creation time, newest first.</summary>
    Task<Page<Experiment>> SearchExperimentsAsync(ViewType viewType, int maxResults, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Creates a RUNNING run. <paramref name="startTime"/> is Unix ms.</summary>
    Task<RunInfo> CreateRunAsync(ExperimentId experimentId, string runName, string userId, long startTime, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken);

    Task<Run> GetRunAsync(RunId runId, CancellationToken cancellationToken);

    /// <summary>Sets status and, when given, end time (Unix ms) and name.</summary>
    Task<RunInfo> UpdateRunAsync(RunId runId, RunStatus status, long? endTime, string? runName, CancellationToken cancellationToken);

    /// <summary>Soft-deletes a run (lifecycle stage Deleted).</summary>
    Task DeleteRunAsync(RunId runId, CancellationToken cancellationToken);

    /// <summary>
    /// The core write: metrics are appended, params inserted (same value again is a no-op, another
    /// value is InvalidInput), tags upserted. All or nothing.
    /// </summary>
    Task LogBatchAsync(RunId runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

    /// <summary>Records datasets as run inputs; a dataset with the same name and digest is stored once.</summary>
    Task LogInputsAsync(RunId runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken);

    /// <summary>Every observation of one metric, ordered by step then timestamp.</summary>
    Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(RunId runId, string metricKey, CancellationToken cancellationToken);

    /// <summary>Runs of the given experiments, ordered by start time (newest first), then run id.</summary>
    Task<Page<Run>> SearchRunsAsync(IReadOnlyList<ExperimentId> experimentIds, ViewType viewType, int maxResults, string? pageToken, CancellationToken cancellationToken);
}
