using Gyre.Tuning.Distributions;

namespace Gyre.Tuning;

/// <summary>
/// Persistence of studies and trials, shared by every worker of a study (threads or processes).
/// Implementations are thread-safe and every method is one short transaction. Contracts, checked by
/// the storage contract test suite:
/// <list type="bullet">
/// <item>Trial numbers are assigned atomically per study: 0, 1, 2, ... without gaps or duplicates,
/// also across processes.</item>
/// <item>Writes to a trial (params, intermediate values, attrs, heartbeat, finish) need it Running;
/// otherwise they throw <see cref="Core.GyreException"/> InvalidState, so a trial failed by another
/// worker's heartbeat check cannot be completed late.</item>
/// <item>Unknown study id or trial number: NotFound.</item>
/// </list>
/// </summary>
public interface IStudyStorage
{
    /// <summary>
    /// Creates the study or returns the id of the existing one with that name; InvalidInput if it
    /// exists with the other direction.
    /// </summary>
    Task<long> CreateStudyAsync(string name, StudyDirection direction, CancellationToken cancellationToken);

    /// <summary>The study named <paramref name="name"/>, or null.</summary>
    Task<StudySummary?> FindStudyAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every study, ordered by name.</summary>
    Task<IReadOnlyList<StudySummary>> ListStudiesAsync(CancellationToken cancellationToken);

    /// <summary>Sets (or overwrites) a study attribute.</summary>
    Task SetStudyUserAttrAsync(long studyId, string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a Running trial (heartbeat = now) and returns its number, unless
    /// <paramref name="trialBudget"/> is set and the study already holds that many trials that are
    /// Running, Complete or Pruned (failed trials do not count, so they get replaced): then null.
    /// The check and the insert are one atomic step across processes.
    /// </summary>
    Task<int?> TryCreateTrialAsync(long studyId, int? trialBudget, CancellationToken cancellationToken);

    /// <summary>Creates a Running trial (heartbeat = now) and returns its number.</summary>
    async Task<int> CreateTrialAsync(long studyId, CancellationToken cancellationToken) =>
        (await TryCreateTrialAsync(studyId, null, cancellationToken).ConfigureAwait(false))!.Value;

    /// <summary>Records a parameter of a Running trial.</summary>
    Task SetParamAsync(long studyId, int trialNumber, string name, ParameterDistribution distribution, double internalValue, CancellationToken cancellationToken);

    /// <summary>Records (or overwrites) an intermediate value of a Running trial at step <paramref name="stepIndex"/>.</summary>
    Task ReportIntermediateAsync(long studyId, int trialNumber, long stepIndex, double value, CancellationToken cancellationToken);

    /// <summary>Sets (or overwrites) a user attribute of a Running trial.</summary>
    Task SetTrialUserAttrAsync(long studyId, int trialNumber, string key, string value, CancellationToken cancellationToken);

    /// <summary>Sets (or overwrites) a system attribute of a Running trial (samplers, pruners).</summary>
    Task SetTrialSystemAttrAsync(long studyId, int trialNumber, string key, string value, CancellationToken cancellationToken);

    /// <summary>Finishes a Running trial (state Complete, Pruned or Fail; InvalidInput otherwise).</summary>
    Task FinishTrialAsync(long studyId, int trialNumber, TrialState state, double? value, string? errorMessage, CancellationToken cancellationToken);

    /// <summary>Records that the worker running the trial is alive (now, storage clock).</summary>
    Task RecordHeartbeatAsync(long studyId, int trialNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Marks Fail every Running trial of the study whose last heartbeat is older than
    /// <paramref name="gracePeriod"/>, with an error saying so; returns their numbers. Safe to call
    /// from several workers at once: each stale trial is failed exactly once.
    /// </summary>
    Task<IReadOnlyList<int>> FailStaleTrialsAsync(long studyId, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Trials numbered <paramref name="fromNumber"/> and up, ordered by number.</summary>
    Task<IReadOnlyList<FrozenTrial>> GetTrialsAsync(long studyId, int fromNumber, CancellationToken cancellationToken);

    /// <summary>All trials of the study, ordered by number.</summary>
    Task<IReadOnlyList<FrozenTrial>> GetTrialsAsync(long studyId, CancellationToken cancellationToken) =>
        GetTrialsAsync(studyId, 0, cancellationToken);

    /// <summary>One trial.</summary>
    Task<FrozenTrial> GetTrialAsync(long studyId, int trialNumber, CancellationToken cancellationToken);
}
