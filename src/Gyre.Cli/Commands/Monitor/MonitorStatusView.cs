using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Reports;
using Spectre.Console;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>The human summary of a monitoring report: verdict, per-column drift (drifted first), latest performance, fairness, warnings.</summary>
public static class MonitorStatusView
{
    public static void Write(CliEnvironment environment, MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(report);
        var console = Consoles.For(environment.Out, environment.Interactive);
        var drift = report.Drift;
        console.MarkupLine($"[bold]{Markup.Escape(report.Title)}[/]");
        console.MarkupLine($"reference: {Markup.Escape(report.Reference.Description)} ({report.Reference.Rows} rows)");
        console.MarkupLine($"current:   {Markup.Escape(report.Current.Description)} ({report.Current.Rows} rows)");
        var share = drift.Share is { } s ? s.ToString("P0", CultureInfo.InvariantCulture) : "-";
        console.MarkupLine(drift.DatasetDrifted
            ? $"[red bold]DATASET DRIFT[/]: {drift.DriftedCount} of {drift.TestedCount} tested columns drifted ({share} ≥ {drift.DriftShareThreshold.ToString("P0", CultureInfo.InvariantCulture)})"
            : $"[green]no dataset drift[/]: {drift.DriftedCount} of {drift.TestedCount} tested columns drifted ({share})");

        var table = new Table().AddColumns("column", "method", "score", "threshold", "adj. p", "status", "drift");
        foreach (var column in drift.Columns.OrderByDescending(c => c.Drifted && c.Tested).ThenBy(c => c.Column, StringComparer.Ordinal))
        {
            var result = column.Result;
            table.AddRow(
                Markup.Escape(column.Column),
                DriftMethodNames.Name(result.Method),
                Consoles.Metric(result.Score),
                result.Threshold.ToString("0.####", CultureInfo.InvariantCulture),
                Consoles.Metric(column.AdjustedPValue),
                result.Status.ToString(),
                column.Tested ? column.Drifted ? "[red]yes[/]" : "no" : "-");
        }

        console.Write(table);
        WritePerformance(console, report);
        foreach (var fairness in report.Fairness)
        {
            console.MarkupLine(
                $"fairness by [bold]{Markup.Escape(fairness.Attribute)}[/]: demographic parity diff {Consoles.Metric(fairness.DemographicParityDifference)}, " +
                $"ratio {Consoles.Metric(fairness.DemographicParityRatio)}, equal opportunity diff {Consoles.Metric(fairness.EqualOpportunityDifference)}, " +
                $"equalized odds diff {Consoles.Metric(fairness.EqualizedOddsDifference)}");
        }

        foreach (var warning in report.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }
    }

    private static void WritePerformance(IAnsiConsole console, MonitoringReport report)
    {
        var overall = report.Performance.Where(w => w.Segment is null).ToList();
        if (overall.Count == 0)
        {
            return;
        }

        var metrics = overall.SelectMany(w => w.Realized.Keys.Concat(w.Estimated?.Keys ?? [])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byTime = report.Current.FromTime is not null;
        var table = new Table().Title("performance by window").AddColumns([byTime ? "window start (UTC)" : "rows", "rows", "labeled", .. metrics]);
        foreach (var window in overall)
        {
            var cells = metrics.Select(m =>
            {
                var realized = window.Realized.TryGetValue(m, out var r) ? Consoles.Metric(r) : "-";
                return window.Estimated is { } estimated && estimated.TryGetValue(m, out var e) ? $"{realized} (est. {Consoles.Metric(e)})" : realized;
            });
            table.AddRow([
                WindowLabel(report, window.Start, window.End),
                window.Rows.ToString(CultureInfo.InvariantCulture),
                window.LabeledRows.ToString(CultureInfo.InvariantCulture),
                .. cells]);
        }

        console.Write(table);
        foreach (var detection in report.ConceptDrift ?? [])
        {
            console.MarkupLine(
                $"[red]concept drift[/] ({detection.Detector}) at {WindowLabel(report, detection.Time, detection.Time + 1)}: " +
                $"error rate {detection.ErrorBefore:0.###} before, {detection.ErrorAfter:0.###} after");
        }
    }

    /// <summary>A window as UTC time when the current data has times, else as 1-based row numbers.</summary>
    public static string WindowLabel(MonitoringReport report, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Current.FromTime is not null
            ? DateTimeOffset.FromUnixTimeMilliseconds(start).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : end - start <= 1 ? $"row {start + 1}" : $"rows {start + 1}–{end}";
    }
}
