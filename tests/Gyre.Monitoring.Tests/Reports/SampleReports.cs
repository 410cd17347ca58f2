using System.Globalization;
using Gyre.Monitoring.Concept;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Fairness;
using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Reports;

namespace Gyre.Monitoring.Tests.Reports;

/// <summary>Monitoring reports built from small real computations (drift, distributions, fairness) for the report tests.</summary>
internal static class SampleReports
{
    public const string ScriptColumn = "<script>alert(1)</script>";
    public const string QuotedColumn = "a & \"b\" 'c'";
    public const long Day = 86_400_000;
    public const long Start = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    /// <summary>
    /// "income" is shifted far (drifted); "age" is unchanged; <see cref="ScriptColumn"/> is categorical with a new category
    /// "<b>new</b>"; <see cref="QuotedColumn"/> is numeric and unchanged.
    /// </summary>
    public static MonitoringReport Full(bool timed = true)
    {
        var ages = Enumerable.Range(0, 200).Select(i => (double)(i % 60)).ToArray();
        var income = Enumerable.Range(0, 200).Select(i => 1000.0 + (i * 7 % 500)).ToArray();
        var shiftedIncome = income.Select(v => v + 400).ToArray();
        var quoted = Enumerable.Range(0, 200).Select(i => (i % 37) / 3.0).ToArray();
        var referenceCategories = Enumerable.Range(0, 200).Select(i => (i % 3) switch { 0 => "x", 1 => "y", _ => "z" }).ToArray<string?>();
        var currentCategories = Enumerable.Range(0, 200).Select(i => (i % 4) switch { 0 => "x", 1 => "y", 2 => "z", _ => "<b>new</b>" }).ToArray<string?>();
        var reference = new MonitoredFrame(
        [
            new NumericColumn("age", ages),
            new NumericColumn("income", income),
            new CategoricalColumn(ScriptColumn, referenceCategories),
            new NumericColumn(QuotedColumn, quoted),
        ]);
        var current = new MonitoredFrame(
        [
            new NumericColumn("age", ages),
            new NumericColumn("income", shiftedIncome),
            new CategoricalColumn(ScriptColumn, currentCategories),
            new NumericColumn(QuotedColumn, quoted),
        ]);
        var drift = DatasetDriftDetector.Detect(reference, current);
        var distributions = ColumnDistributions.FromFrames(reference, current, ["age", "income", ScriptColumn, QuotedColumn]);
        var windows = Enumerable.Range(0, 5).Select(i => new PerformanceWindow(
            Start + (i * Day), Start + ((i + 1) * Day), 100, 80,
            i == 2 ? new Dictionary<string, double> { ["accuracy"] = 0.9 } : new Dictionary<string, double> { ["accuracy"] = 0.9 - (i * 0.01), ["roc_auc"] = 0.8 },
            new Dictionary<string, double> { ["accuracy"] = 0.88 })).ToList<PerformanceWindow>();
        windows.Add(new PerformanceWindow(Start, Start + Day, 40, 40, new Dictionary<string, double> { ["accuracy"] = 0.5 }, null, "segment-early"));
        windows.Add(new PerformanceWindow(Start + Day, Start + (2 * Day), 40, 40, new Dictionary<string, double> { ["accuracy"] = 0.75 }, null, "segment-early"));
        windows.Add(new PerformanceWindow(Start, Start + Day, 60, 60, new Dictionary<string, double> { ["accuracy"] = 0.625 }, null, "<seg>"));
        var outcomes = new List<ClassificationOutcome>();
        var groups = new List<string?>();
        for (var i = 0; i < 40; i++)
        {
            outcomes.Add(new ClassificationOutcome(Start + i, i % 3 == 0 || i % 8 == 2 ? "yes" : "no", i % 2 == 0 ? "yes" : "no", null));
            groups.Add(i % 4 < 2 ? "female" : "male & other");
        }

        var fairness = FairnessMetrics.Compute(outcomes, groups, "sex", "yes");
        return new MonitoringReport(
            "Churn <model> monitoring",
            new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)),
            "churn@champion",
            new DataSourceInfo("reference.parquet", 200, timed ? Start - (30 * Day) : null, timed ? Start : null),
            new DataSourceInfo("inference log", 200, timed ? Start : null, timed ? Start + (5 * Day) : null),
            drift,
            distributions,
            windows,
            [fairness],
            ["Window 3 has no labeled rows.", "Column 'zip' <missing> in current."],
            [new ConceptDriftDetection("adwin", Start + (3 * Day), 250, 0.1, 0.3)]);
    }

    /// <summary>A report with nothing measured.</summary>
    public static MonitoringReport Empty() => new(
        "Empty",
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        null,
        new DataSourceInfo("reference", 0),
        new DataSourceInfo("current", 0),
        new DatasetDriftResult([], 0, 0, null, 0.5, MultipleTestingCorrection.None, false),
        [],
        [],
        [],
        []);

    /// <summary>
    /// A large report built directly from aggregates: <paramref name="columns"/> numeric columns with 20-bin distributions
    /// (+ 2 overflow bins) and <paramref name="windows"/> performance windows with three metrics each.
    /// </summary>
    public static MonitoringReport Large(int columns, int windows)
    {
        var drifts = new List<ColumnDrift>();
        var distributions = new List<ColumnDistribution>();
        for (var c = 0; c < columns; c++)
        {
            var name = "feature_with_a_longish_name_" + c;
            var p = 1.0 / (c + 2);
            drifts.Add(new ColumnDrift(name, DriftColumnKind.Numerical, new ColumnDriftResult(
                DriftMethod.KolmogorovSmirnov, DriftStatus.Tested, p, 0.05, p <= 0.05, 10_000_000, 10_000_000, [])));
            var labels = new List<string> { "< 0" };
            labels.AddRange(Enumerable.Range(0, 20).Select(b => string.Create(CultureInfo.InvariantCulture, $"[{b * 12.345:G4}, {(b + 1) * 12.345:G4})")));
            labels.Add("> 246.9");
            distributions.Add(new ColumnDistribution(
                name, DriftColumnKind.Numerical, labels,
                [.. Enumerable.Range(0, 22).Select(b => (long)(b * 123_457 % 1_000_003))],
                [.. Enumerable.Range(0, 22).Select(b => (long)(b * 654_321 % 1_000_003))]));
        }

        var drift = DatasetDriftSummary.Summarize(drifts, DatasetDriftOptions.Default);
        var performance = Enumerable.Range(0, windows).Select(i => new PerformanceWindow(
            Start + (i * Day), Start + ((i + 1) * Day), 10_000, 9_000,
            new Dictionary<string, double> { ["accuracy"] = 0.9 - (i * 0.001), ["f1"] = 0.8, ["roc_auc"] = 0.85 + (i % 3 * 0.01) },
            new Dictionary<string, double> { ["accuracy"] = 0.89 })).ToList();
        return new MonitoringReport(
            "Large", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "m/1",
            new DataSourceInfo("reference", 10_000_000), new DataSourceInfo("current", 10_000_000, Start, Start + (windows * Day)),
            drift, distributions, performance, [], []);
    }
}
