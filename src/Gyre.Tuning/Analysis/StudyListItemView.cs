using Gyre.Tuning;

namespace Gyre.Tuning.Analysis;

/// <summary>One row of `gyre study list --json`: counts by state and the best trial (null when none completed).</summary>
public sealed record StudyListItemView(string Name, string Direction, DateTimeOffset CreatedAt, int Trials, int Complete, int Pruned,
    int Failed, int Running, int? BestTrial, double? BestValue)
{
    /// <summary>The row of <paramref name="summary"/> with its <paramref name="trials"/>.</summary>
    public static StudyListItemView From(StudySummary summary, IReadOnlyList<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var counts = TrialStateCounts.Of(trials);
        var best = Study.BestOf(trials, summary.Direction);
        return new StudyListItemView(summary.Name, StudyReportView.DirectionName(summary.Direction), summary.CreatedAt, counts.Total,
            counts.Complete, counts.Pruned, counts.Failed, counts.Running, best?.Number, best?.Value);
    }
}
