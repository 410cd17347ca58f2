using Gyre.Tuning;

namespace Gyre.Tuning.Analysis;

/// <summary>Everything `gyre study report --json` prints (snake_case via the CLI's <c>JsonOutput</c>; the server's web UI answers the same shape).</summary>
public sealed record StudyReportView(StudyInfoView Study, TrialStateCounts Counts, StudyBestTrialView? BestTrial, string ImportanceMethod,
    IReadOnlyList<ParameterImportance> Importances, IReadOnlyList<HistoryPoint> History, IReadOnlyList<StudyTrialView> Trials)
{
    /// <summary>Lower-case direction name, as Optuna prints it.</summary>
    public static string DirectionName(StudyDirection direction) => direction == StudyDirection.Minimize ? "minimize" : "maximize";

    /// <summary>The document for <paramref name="report"/> of the study <paramref name="summary"/>.</summary>
    public static StudyReportView From(StudySummary summary, StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(report);
        var best = report.BestTrial is { } b ? new StudyBestTrialView(b.Number, b.Value, b.Params, b.Duration?.TotalSeconds) : null;
        var trials = report.Trials.Select(t => new StudyTrialView(t.Number, t.State.ToString().ToLowerInvariant(), t.Value,
            new SortedDictionary<string, object?>(t.Params.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
            t.StartedAt, t.CompletedAt, t.Duration?.TotalSeconds, t.ErrorMessage, t.UserAttrs)).ToList();
        return new StudyReportView(new StudyInfoView(summary.Name, DirectionName(summary.Direction), summary.CreatedAt, summary.UserAttrs),
            report.Counts, best, report.ImportanceMethod == Tuning.Analysis.ImportanceMethod.Fanova ? "fanova" : "mdi",
            report.Importances, report.History, trials);
    }
}
