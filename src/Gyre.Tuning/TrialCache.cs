namespace Gyre.Tuning;

/// <summary>
/// The study's trials as last read from storage. Finished trials never change, so a refresh reads
/// only from the oldest trial not known to be finished: with W workers that is about W trials,
/// not the whole study, however long the study grows. Thread-safe.
/// </summary>
internal sealed class TrialCache(IStudyStorage storage, long studyId)
{
    private readonly Lock _gate = new();
    private readonly List<FrozenTrial> _trials = [];
    private int _firstUnfinished;

    /// <summary>Reads what may have changed and returns a snapshot of all trials, ordered by number.</summary>
    public IReadOnlyList<FrozenTrial> Refresh(CancellationToken cancellationToken = default)
    {
        // Sync over async: storage calls are short transactions and Study's public surface is synchronous.
        var from = Volatile.Read(ref _firstUnfinished);
        var fresh = storage.GetTrialsAsync(studyId, from, cancellationToken).GetAwaiter().GetResult();
        lock (_gate)
        {
            // A concurrent, older read never overwrites a finished trial with its running past.
            foreach (var trial in fresh)
            {
                if (trial.Number < _trials.Count) { if (!_trials[trial.Number].IsFinished) _trials[trial.Number] = trial; }
                else if (trial.Number == _trials.Count) _trials.Add(trial);
            }
            while (_firstUnfinished < _trials.Count && _trials[_firstUnfinished].IsFinished) _firstUnfinished++;
            return [.. _trials];
        }
    }
}
