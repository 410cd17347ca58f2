using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// Experiments and runs, modeled on MLflow's tracking store (the operations of MLflow's REST API 2.0).
/// Implementations are thread-safe and every write is atomic: after a crash the store holds either all
/// of a call's writes or none.
/// Errors: <see cref="GyreException"/> with NotFound for unknown ids (MLflow's messages: "No Experiment
/// with id=X exists", "Run with id=X not found"), AlreadyExists for a taken experiment name (also taken by
/// a deleted experiment), InvalidInput for bad values (e.g. a param logged again with another value, a
/// malformed filter or page token), InvalidState for writes to a deleted run or into a deleted experiment.
/// </summary>
public interface ITrackingStore
{
    /// <summary>
    /// Creates an experiment. <paramref name="artifactLocation"/> null or "" = the store's root for it
    /// (<c>root/&lt;id&gt;</c>); a location starting with <c>runs:</c> is InvalidInput.
    /// </summary>
    Task<ExperimentId> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken);

    /// <summary>The experiment, active or deleted.</summary>
    Task<Experiment> GetExperimentAsync(ExperimentId id, CancellationToken cancellationToken);

    /// <summary>The experiment with this name (active or deleted), or null.</summary>
    Task<Experiment?> FindExperimentByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Experiments matching <paramref name="search"/> (MLflow's search grammar for experiments, §7.2).</summary>
    Task<Page<Experiment>> SearchExperimentsAsync(ExperimentSearch search, CancellationToken cancellationToken);

    /// <summary>Renames an experiment; AlreadyExists when another experiment has <paramref name="newName"/>.</summary>
    Task RenameExperimentAsync(ExperimentId id, string newName, CancellationToken cancellationToken);

    /// <summary>Soft-deletes an experiment and its active runs (idempotent). Its name stays taken.</summary>
    Task DeleteExperimentAsync(ExperimentId id, CancellationToken cancellationToken);

    /// <summary>Makes a deleted experiment active again, with the runs its deletion deleted.</summary>
    Task RestoreExperimentAsync(ExperimentId id, CancellationToken cancellationToken);

    /// <summary>Sets (overwrites) an experiment tag; key ≤ 250, value ≤ 5000 characters.</summary>
    Task SetExperimentTagAsync(ExperimentId id, Tag tag, CancellationToken cancellationToken);

    /// <summary>Removes an experiment tag; NotFound when the experiment has no such tag.</summary>
    Task DeleteExperimentTagAsync(ExperimentId id, string key, CancellationToken cancellationToken);

    /// <summary>Creates a RUNNING run. <paramref name="startTime"/> is Unix ms.</summary>
    Task<RunInfo> CreateRunAsync(ExperimentId experimentId, string runName, string userId, long startTime, IReadOnlyList<Tag>? tags, CancellationToken cancellationToken);

    Task<Run> GetRunAsync(RunId runId, CancellationToken cancellationToken);

    /// <summary>Changes only what is given: status, end time (Unix ms), name (null or "" keeps each). InvalidState for a deleted run.</summary>
    Task<RunInfo> UpdateRunAsync(RunId runId, RunStatus? status, long? endTime, string? runName, CancellationToken cancellationToken);

    /// <summary>Soft-deletes a run (lifecycle stage Deleted; idempotent).</summary>
    Task DeleteRunAsync(RunId runId, CancellationToken cancellationToken);

    /// <summary>Makes a deleted run active again (idempotent).</summary>
    Task RestoreRunAsync(RunId runId, CancellationToken cancellationToken);

    /// <summary>
    /// The core write: metrics are appended, params inserted (same value again is a no-op, another
    /// value is InvalidInput), tags upserted (last value of a key wins). All or nothing.
    /// </summary>
    Task LogBatchAsync(RunId runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

    /// <summary>Removes a run tag; NotFound when the run has no such tag. InvalidState for a deleted run.</summary>
    Task DeleteRunTagAsync(RunId runId, string key, CancellationToken cancellationToken);

    /// <summary>Records datasets as run inputs; a dataset with the same name and digest is stored once.</summary>
    Task LogInputsAsync(RunId runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a metric's observations, ordered by step, then timestamp, then insertion.
    /// <paramref name="maxResults"/> null = every point in one page.
    /// </summary>
    Task<Page<Metric>> GetMetricHistoryAsync(RunId runId, string metricKey, int? maxResults, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Runs matching <paramref name="search"/> (MLflow's filter grammar and order_by, §7.1).</summary>
    Task<Page<Run>> SearchRunsAsync(RunSearch search, CancellationToken cancellationToken);
}
