using Gyre.Core;
using Gyre.Tuning.Distributions;

namespace Gyre.Tuning;

/// <summary>Thread-safe in-process storage (one lock). Finished trials are never mutated.</summary>
public sealed class InMemoryStudyStorage : IStudyStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _ids = [];
    private readonly List<List<FrozenTrial>> _trials = [];

    /// <inheritdoc />
    public Task<long> CreateStudyAsync(string name, StudyDirection direction, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_ids.TryGetValue(name, out var id))
            {
                id = _trials.Count;
                _trials.Add([]);
                _ids[name] = id;
            }
            return Task.FromResult(id);
        }
    }

    /// <inheritdoc />
    public Task<int> CreateTrialAsync(long studyId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var list = Study(studyId);
            var trial = new FrozenTrial(list.Count, TrialState.Running, new Dictionary<string, object?>(),
                new Dictionary<string, ParameterDistribution>(), null, new Dictionary<long, double>(),
                new Dictionary<string, object?>(), null, DateTimeOffset.UtcNow, null);
            list.Add(trial);
            return Task.FromResult(trial.Number);
        }
    }

    /// <inheritdoc />
    public Task SetParamAsync(long studyId, int trialNumber, string name, ParameterDistribution distribution, double internalValue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var t = Running(studyId, trialNumber);
            var ps = new Dictionary<string, object?>(t.Params) { [name] = distribution.ToExternal(internalValue) };
            var ds = new Dictionary<string, ParameterDistribution>(t.Distributions) { [name] = distribution };
            Study(studyId)[trialNumber] = t with { Params = ps, Distributions = ds };
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReportIntermediateAsync(long studyId, int trialNumber, long stepIndex, double value, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var t = Running(studyId, trialNumber);
            var iv = new Dictionary<long, double>(t.IntermediateValues) { [stepIndex] = value };
            Study(studyId)[trialNumber] = t with { IntermediateValues = iv };
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task FinishTrialAsync(long studyId, int trialNumber, TrialState state, double? value, string? errorMessage, CancellationToken cancellationToken)
    {
        if (state is TrialState.Running or TrialState.Waiting)
            throw GyreException.InvalidInput($"Trial {trialNumber}: cannot finish with state {state}.");
        lock (_gate)
        {
            var t = Running(studyId, trialNumber);
            Study(studyId)[trialNumber] = t with
            {
                State = state,
                Value = value,
                ErrorMessage = errorMessage,
                CompletedAt = DateTimeOffset.UtcNow,
            };
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FrozenTrial>> GetTrialsAsync(long studyId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<FrozenTrial>>([.. Study(studyId)]);
    }

    /// <inheritdoc />
    public Task<FrozenTrial> GetTrialAsync(long studyId, int trialNumber, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var list = Study(studyId);
            if (trialNumber < 0 || trialNumber >= list.Count)
                throw GyreException.NotFound($"Trial {trialNumber} does not exist in study {studyId}.");
            return Task.FromResult(list[trialNumber]);
        }
    }

    private List<FrozenTrial> Study(long studyId) =>
        studyId >= 0 && studyId < _trials.Count ? _trials[(int)studyId]
        : throw GyreException.NotFound($"Study {studyId} does not exist.");

    private FrozenTrial Running(long studyId, int trialNumber)
    {
        var list = Study(studyId);
        if (trialNumber < 0 || trialNumber >= list.Count)
            throw GyreException.NotFound($"Trial {trialNumber} does not exist in study {studyId}.");
        var t = list[trialNumber];
        if (t.State != TrialState.Running)
            throw GyreException.InvalidState($"Trial {trialNumber} is already finished ({t.State}).");
        return t;
    }
}
