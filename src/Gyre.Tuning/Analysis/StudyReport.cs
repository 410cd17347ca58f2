using Gyre.Core;

namespace Gyre.Tuning.Analysis;

/// <summary>
/// What a finished (or running) study shows: trial counts by state, the best trial, the optimisation history and the
/// parameter importances (<see cref="ImportanceEvaluator"/>). Built from stored trials only, so any process can report
/// on a study another process runs.
/// </summary>
/// <param name="StudyName">The study's name.</param>
/// <param name="Direction">Minimize or Maximize.</param>
/// <param name="Counts">Trials per state.</param>
/// <param name="BestTrial">The best Complete trial (ties: the lowest number), or null when none completed.</param>
/// <param name="History">Every Complete trial with a finite value, by number, with the best value so far.</param>
/// <param name="Importances">Parameter importances, descending; empty with fewer than two Complete trials.</param>
/// <param name="Trials">All trials, ordered by number.</param>
/// <param name="ImportanceMethod">How <paramref name="Importances"/> were computed.</param>
public sealed record StudyReport(
    string StudyName,
    StudyDirection Direction,
    TrialStateCounts Counts,
    BestTrialSummary? BestTrial,
    IReadOnlyList<HistoryPoint> History,
    IReadOnlyList<ParameterImportance> Importances,
    IReadOnlyList<FrozenTrial> Trials,
    ImportanceMethod ImportanceMethod = ImportanceMethod.Fanova)
{
    /// <summary>
    /// Builds the report; <paramref name="seed"/> seeds the importance forest (same seed → same importances),
    /// <paramref name="method"/> picks fANOVA (Optuna's default) or mean decrease in impurity.
    /// </summary>
    /// <exception cref="GyreException">InvalidInput when <paramref name="studyName"/> is empty.</exception>
    public static StudyReport Build(string studyName, StudyDirection direction, IReadOnlyList<FrozenTrial> trials, ulong seed = 0,
        ImportanceMethod method = ImportanceMethod.Fanova)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (string.IsNullOrEmpty(studyName)) throw GyreException.InvalidInput("studyName must not be empty.");
        var ordered = trials.OrderBy(t => t.Number).ToList();
        var history = new List<HistoryPoint>();
        FrozenTrial? best = null;
        foreach (var trial in ordered)
        {
            if (trial.State != TrialState.Complete || trial.Value is not { } value || !double.IsFinite(value)) continue;
            if (best is null || Better(direction, value, best.Value!.Value)) best = trial;
            history.Add(new HistoryPoint(trial.Number, value, best.Value!.Value));
        }

        var bestSummary = best is null
            ? null
            : new BestTrialSummary(best.Number, best.Value!.Value,
                new SortedDictionary<string, object?>(best.Params.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
                best.Duration);
        return new StudyReport(studyName, direction, TrialStateCounts.Of(ordered), bestSummary, history,
            ImportanceEvaluator.Evaluate(ordered, seed, method), ordered, method);
    }

    /// <summary>True when <paramref name="candidate"/> beats <paramref name="incumbent"/> strictly.</summary>
    public static bool Better(StudyDirection direction, double candidate, double incumbent) =>
        direction == StudyDirection.Minimize ? candidate < incumbent : candidate > incumbent;
}
