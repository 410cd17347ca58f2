using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Cli.Output;
using Gyre.Data.Files;
using Gyre.Data.Synthetic;
using Gyre.Monitoring.Reports;
using Gyre.Pipelines.Jobs;
using Gyre.Pipelines.Monitoring;
using Gyre.Training.Specs;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre demo`: the main job on the embedded default. Generates card-fraud data into the workspace,
/// trains LightGBM with 5-fold stratified cross-validation and a stratified holdout, tracks the run, then monitors
/// a batch of "production" transactions with covariate drift against the training profile stored in the model
/// package (drift, performance from labels, an HTML report) and prints a summary with the commands to look further.
/// </summary>
public static class DemoCommand
{
    public const string Experiment = "demo";

    private static readonly string[] HeadlineMetrics = ["roc_auc", "accuracy", "f1"];

    public static Command Create(CliEnvironment environment)
    {
        var rows = new Option<long>("--rows", "-n") { Description = "Rows of synthetic fraud data to generate.", DefaultValueFactory = _ => 50_000 };
        var seed = new Option<int>("--seed") { Description = "Seed for data, splits and trainer.", DefaultValueFactory = _ => 7 };
        var json = CommonOptions.Json();
        var command = new Command("demo", "Generate fraud data, train and cross-validate a model, track the run, monitor drifted production data and print a summary.") { rows, seed, json };
        command.SetAction(async (parse, ct) =>
        {
            var quiet = parse.GetValue(json);
            var workspace = await Workspace.OpenAsync(environment, ct);
            var dataPath = Path.Combine(workspace.Home, "demo", "fraud.csv");
            var count = parse.GetValue(rows);
            var seedValue = parse.GetValue(seed);
            await ProgressDisplay.RunAsync(environment, quiet, "demo", async progress =>
            {
                progress.Report(new ProgressStep($"generating {count} card transactions", 0.5));
                await FraudTransactionGenerator.WriteCsvAsync(dataPath, count, seedValue, FraudDrift.None, ct);
                return 0;
            });
            var spec = new TrainingSpec
            {
                Data = dataPath,
                Label = FraudTransactionGenerator.LabelColumn,
                Task = TaskKind.Binary,
                Trainer = "lightgbm",
                Seed = seedValue,
                PermutationImportance = true,
                PermutationRepeats = 2,
            };
            var request = new TrainingJobRequest(spec, Experiment, "demo-lightgbm", "gyre demo", environment.WorkingDirectory);
            var result = await TrainCommand.RunJobAsync(environment, workspace, request, quiet, ct);
            var productionPath = Path.Combine(workspace.Home, "demo", "production.csv");
            var reportPath = Path.Combine(workspace.Home, "demo", "monitoring-report.html");
            var monitoring = await ProgressDisplay.RunAsync(environment, quiet, "demo", async progress =>
            {
                var productionRows = Math.Max(count / 5, 3_000);
                progress.Report(new ProgressStep($"generating {productionRows} production transactions (as trained, then covariate drift, then concept drift)", 0.3));
                await WriteProductionAsync(productionPath, productionRows, seedValue, ct);
                progress.Report(new ProgressStep("monitoring production against the model's training profile", 0.6));
                var report = await new MonitorJob(null, null).RunAsync(new MonitorRequest { Model = result.ModelPath, CurrentPath = productionPath }, null, ct);
                await HtmlReportWriter.WriteAsync(report, reportPath, ct);
                return report;
            });
            if (quiet)
            {
                var document = JsonSerializer.SerializeToNode(TrainingReport.ToJson(result), JsonOutput.Options)!.AsObject();
                document["monitoring"] = new JsonObject
                {
                    ["current"] = productionPath,
                    ["report"] = reportPath,
                    ["dataset_drift"] = monitoring.Drift.DatasetDrifted,
                    ["drifted_columns"] = new JsonArray([.. monitoring.Drift.Columns.Where(c => c.Tested && c.Drifted).Select(c => JsonValue.Create(c.Column))]),
                    ["performance"] = JsonSerializer.SerializeToNode(Overall(monitoring)),
                };
                await environment.Out.WriteLineAsync(document.ToJsonString(JsonOutput.Options));
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            console.Write(new Rule("[bold]Gyre demo[/]: card-fraud detection").LeftJustified());
            console.WriteLine($"Data: {count} synthetic transactions ({Path.GetRelativePath(environment.WorkingDirectory, dataPath)}), label is_fraud.");
            TrainingReport.Write(console, result);
            var offlineAuc = result.Outcome.Evaluation?.Metrics.TryGetValue("roc_auc", out var auc) == true ? auc : (double?)null;
            WriteMonitoring(console, environment, monitoring, productionPath, reportPath, offlineAuc);
            console.Write(new Rule("next").LeftJustified());
            console.WriteLine($"  ./gyre runs show {result.RunId.Value[..8]}          # everything tracked for this run");
            console.WriteLine("  ./gyre runs list                  # all runs");
            console.WriteLine($"  ./gyre data profile {Path.GetRelativePath(environment.WorkingDirectory, dataPath)}");
            console.WriteLine($"  ./gyre predict --model {Path.GetRelativePath(environment.WorkingDirectory, result.ModelPath)} --input {Path.GetRelativePath(environment.WorkingDirectory, dataPath)} --output scored.csv");
            console.WriteLine($"  ./gyre monitor status --model {Path.GetRelativePath(environment.WorkingDirectory, result.ModelPath)} --current {Path.GetRelativePath(environment.WorkingDirectory, productionPath)}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// "Production" for the demo, in three equal parts in row order: transactions like the training data, then with
    /// covariate drift (features move, the fraud rule holds), then with concept drift (same features, a new fraud rule).
    /// </summary>
    private static async Task WriteProductionAsync(string path, long rows, int seed, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(path)!;
        var lines = new List<string>();
        FraudDrift[] phases = [FraudDrift.None, FraudDrift.Covariate, FraudDrift.Concept];
        for (var i = 0; i < phases.Length; i++)
        {
            var part = Path.Combine(folder, $".production-{i}.csv");
            await FraudTransactionGenerator.WriteCsvAsync(part, rows / phases.Length, seed + 1 + i, phases[i], ct);
            lines.AddRange((await File.ReadAllLinesAsync(part, ct)).Skip(i == 0 ? 0 : 1));
            File.Delete(part);
        }

        await AtomicFile.WriteAllTextAsync(path, string.Join('\n', lines) + "\n", ct);
    }

    /// <summary>Realized metrics over all current rows (the mean over windows, weighted by labeled rows).</summary>
    private static Dictionary<string, double> Overall(MonitoringReport report)
    {
        var windows = report.Performance.Where(w => w.Segment is null && w.LabeledRows > 0).ToList();
        var total = windows.Sum(w => (double)w.LabeledRows);
        return windows.SelectMany(w => w.Realized.Select(m => (m.Key, Value: m.Value * w.LabeledRows)))
            .GroupBy(m => m.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value) / total, StringComparer.Ordinal);
    }

    private static void WriteMonitoring(
        IAnsiConsole console, CliEnvironment environment, MonitoringReport report, string productionPath, string reportPath, double? offlineAuc)
    {
        console.Write(new Rule("[bold]monitoring[/]: production data (as trained, then covariate drift, then concept drift)").LeftJustified());
        var drift = report.Drift;
        var drifted = drift.Columns.Where(c => c.Tested && c.Drifted).Select(c => c.Column).ToList();
        console.MarkupLine(drift.DatasetDrifted
            ? $"[red bold]Dataset drift[/]: {drift.DriftedCount} of {drift.TestedCount} columns drifted against the training profile stored in the package."
            : $"[green]No dataset drift[/]: {drift.DriftedCount} of {drift.TestedCount} columns drifted.");
        if (drifted.Count > 0)
        {
            console.MarkupLine($"Drifted: {Markup.Escape(string.Join(", ", drifted.Take(12)))}{(drifted.Count > 12 ? ", ..." : string.Empty)}");
        }

        var windows = report.Performance.Where(w => w.Segment is null && w.Realized.ContainsKey("roc_auc")).ToList();
        if (windows.Count > 1)
        {
            console.MarkupLine($"ROC AUC from production labels: {windows[0].Realized["roc_auc"]:0.000} in the first window, " +
                $"[bold]{windows[^1].Realized["roc_auc"]:0.000}[/] in the last" + (offlineAuc is { } offline ? $" (offline holdout: {offline:0.000})." : "."));
        }

        foreach (var detector in (report.ConceptDrift ?? []).GroupBy(d => d.Detector, StringComparer.Ordinal))
        {
            var largest = detector.MaxBy(d => d.ErrorAfter - d.ErrorBefore)!;
            console.MarkupLine($"[red]Concept drift[/] ({detector.Key}, {detector.Count()} alarm(s)): largest error rise at row {largest.Row + 1}, " +
                $"{largest.ErrorBefore:0.000} → {largest.ErrorAfter:0.000}.");
        }

        console.WriteLine($"Report: {Path.GetRelativePath(environment.WorkingDirectory, reportPath)} (data: {Path.GetRelativePath(environment.WorkingDirectory, productionPath)})");
    }
}
