using Gyre.Core;
using Gyre.Tuning.Distributions;

namespace Gyre.Tuning;

/// <summary>
/// Thread-safe in-process storage (one lock), for a single process. Finished trials are never
/// mutated, so snapshots handed out stay valid.
/// </summary>
public sealed class InMemoryStudyStorage : IStudyStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly List<StoredStudy> _studies = [];
    private readonly TimeProvider _clock;

    /// <summary>Creates an empty storage; <paramref name="clock"/> stamps trials and heartbeats.</summary>
    public InMemoryStudyStorage(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<long> CreateStudyAsync(string name, StudyDirection direction, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (_ids.TryGetValue(name, out var id))
            {
                var existing = _studies[(int)id].Summary;
                if (existing.Direction != direction)
                    throw GyreException.InvalidInput($"Study '{name}' exists with direction {existing.Direction}, not {direction}.");
                return Task.FromResult(id);
            }
            id = _studies.Count;
            _studies.Add(new StoredStudy(new StudySummary(id, name, direction, _clock.GetUtcNow(), new Dictionary<string, string>())));
            _ids[name] = id;
            return Task.FromResult(id);
        }
    }

    /// <inheritdoc />
    public Task<StudySummary?> FindStudyAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_ids.TryGetValue(name, out var id) ? _studies[(int)id].Summary : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StudySummary>> ListStudiesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<StudySummary>>([.. _studies.Select(s => s.Summary).OrderBy(s => s.Name, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public Task SetStudyUserAttrAsync(long studyId, string key, string value, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var study = Study(studyId);
            study.Summary = study.Summary with { UserAttrs = new Dictionary<string, string>(study.Summary.UserAttrs) { [key] = value } };
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int?> TryCreateTrialAsync(long studyId, int? trialBudget, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var study = Study(studyId);
            if (trialBudget is { } budget && study.Trials.Count(t => t.State != TrialState.Fail) >= budget)
                return Task.FromResult<int?>(null);
            var now = _clock.GetUtcNow();
            var trial = FrozenTrial.NewRunning(study.Trials.Count, now);
            study.Trials.Add(trial);
            study.Heartbeats[trial.Number] = now;
            return Task.FromResult<int?>(trial.Number);
        }
    }

    /// <inheritdoc />
    public Task SetParamAsync(long studyId, int trialNumber, string name, ParameterDistribution distribution, double internalValue, CancellationToken cancellationToken) =>
        Update(studyId, trialNumber, t => t with
        {
            Params = new Dictionary<string, object?>(t.Params) { [name] = distribution.ToExternal(internalValue) },
            Distributions = new Dictionary<string, ParameterDistribution>(t.Distributions) { [name] = distribution },
        });

    /// <inheritdoc />
    public Task ReportIntermediateAsync(long studyId, int trialNumber, long stepIndex, double value, CancellationToken cancellationToken) =>
        Update(studyId, trialNumber, t => t with { IntermediateValues = new Dictionary<long, double>(t.IntermediateValues) { [stepIndex] = value } });

    /// <inheritdoc />
    public Task SetTrialUserAttrAsync(long studyId, int trialNumber, string key, string value, CancellationToken cancellationToken) =>
        Update(studyId, trialNumber, t => t with { UserAttrs = new Dictionary<string, string>(t.UserAttrs) { [key] = value } });

    /// <inheritdoc />
    public Task SetTrialSystemAttrAsync(long studyId, int trialNumber, string key, string value, CancellationToken cancellationToken) =>
        Update(studyId, trialNumber, t => t with { SystemAttrs = new Dictionary<string, string>(t.SystemAttrs) { [key] = value } });

    /// <inheritdoc />
    public Task FinishTrialAsync(long studyId, int trialNumber, TrialState state, double? value, string? errorMessage, CancellationToken cancellationToken)
    {
        if (state is TrialState.Running or TrialState.Waiting)
            throw GyreException.InvalidInput($"Trial {trialNumber}: cannot finish with state {state}.");
        return Update(studyId, trialNumber, t => t with
        {
            State = state,
            Value = value,
            ErrorMessage = errorMessage,
            CompletedAt = _clock.GetUtcNow(),
        });
    }

    /// <inheritdoc />
    public Task RecordHeartbeatAsync(long studyId, int trialNumber, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Running(studyId, trialNumber);
            Study(studyId).Heartbeats[trialNumber] = _clock.GetUtcNow();
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> FailStaleTrialsAsync(long studyId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var study = Study(studyId);
            var now = _clock.GetUtcNow();
            var stale = study.Trials
                .Where(t => t.State == TrialState.Running && now - study.Heartbeats[t.Number] > gracePeriod)
                .Select(t => t.Number).ToList();
            foreach (var number in stale)
                study.Trials[number] = study.Trials[number] with
                {
                    State = TrialState.Fail,
                    ErrorMessage = StaleTrials.ErrorMessage(gracePeriod),
                    CompletedAt = now,
                };
            return Task.FromResult<IReadOnlyList<int>>(stale);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FrozenTrial>> GetTrialsAsync(long studyId, int fromNumber, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var trials = Study(studyId).Trials;
            var from = Math.Clamp(fromNumber, 0, trials.Count);
            return Task.FromResult<IReadOnlyList<FrozenTrial>>(trials.GetRange(from, trials.Count - from));
        }
    }

    /// <inheritdoc />
    public Task<FrozenTrial> GetTrialAsync(long studyId, int trialNumber, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(Existing(studyId, trialNumber));
    }

    private Task Update(long studyId, int trialNumber, Func<FrozenTrial, FrozenTrial> change)
    {
        lock (_gate)
            Study(studyId).Trials[trialNumber] = change(Running(studyId, trialNumber));
        return Task.CompletedTask;
    }

    private StoredStudy Study(long studyId) =>
        studyId >= 0 && studyId < _studies.Count ? _studies[(int)studyId]
        : throw GyreException.NotFound($"Study {studyId} does not exist.");

    private FrozenTrial Existing(long studyId, int trialNumber)
    {
        var trials = Study(studyId).Trials;
        if (trialNumber < 0 || trialNumber >= trials.Count)
            throw GyreException.NotFound($"Trial {trialNumber} does not exist in study {studyId}.");
        return trials[trialNumber];
    }

    private FrozenTrial Running(long studyId, int trialNumber)
    {
        var t = Existing(studyId, trialNumber);
        if (t.State != TrialState.Running)
            throw GyreException.InvalidState($"Trial {trialNumber} is already finished ({t.State}).");
        return t;
    }

    private sealed class StoredStudy(StudySummary summary)
    {
        public StudySummary Summary { get; set; } = summary;
        public List<FrozenTrial> Trials { get; } = [];
        public Dictionary<int, DateTimeOffset> Heartbeats { get; } = [];
    }
}
