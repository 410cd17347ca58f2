using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli.Demo;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Data.Synthetic;
using Gyre.Monitoring.Reports;
using Gyre.Pipelines.Jobs;
using Gyre.Pipelines.Monitoring;
using Gyre.Pipelines.Registry;
using Gyre.Registry;
using Gyre.Training.Specs;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre demo`: the whole loop on the embedded default, narrated. Generates card-fraud data into
/// &lt;workspace&gt;/demo, trains and cross-validates a champion, registers it, serves it on loopback with monitoring,
/// sends production traffic that drifts (a new fraud pattern), and lets the product close the loop: the AUC alert fires,
/// the scheduler runs the retraining pipeline (validate fresh labelled data, train, register a challenger, gate it
/// against the champion on recent data, promote), the server hot-swaps, and traffic is served by the new champion.
/// Ends with the HTML reports and a summary table (offline score, production score before and after retraining);
/// exit 1 if the loop did not close (the pipeline failed or the gate refused) or a request failed.
/// </summary>
public static class DemoCommand
{
    public const string Experiment = "demo";
    public const string ModelName = "fraud-demo";

    public static Command Create(CliEnvironment environment)
    {
        var rows = new Option<long>("--rows", "-n") { Description = "Training rows of synthetic fraud data (traffic, fresh and recent data scale with it).", DefaultValueFactory = _ => 30_000 };
        var seed = new Option<int>("--seed") { Description = "Seed for data, splits and trainer.", DefaultValueFactory = _ => 7 };
        var json = CommonOptions.Json();
        var command = new Command("demo", "Run the whole loop: train and register a fraud model, serve it, watch drifted traffic trigger retraining, gating and a hot swap; print a summary.") { rows, seed, json };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(rows);
            if (count < 2_000)
            {
                await environment.Error.WriteLineAsync("gyre demo: --rows must be at least 2000.");
                return ExitCodes.Usage;
            }

            var quiet = parse.GetValue(json);
            var seedValue = parse.GetValue(seed);
            var workspace = await Workspace.OpenAsync(environment, ct);
            var console = Consoles.For(environment.Out, environment.Interactive);
            var clock = Stopwatch.StartNew();
            void Say(string text)
            {
                if (!quiet)
                {
                    console.MarkupLine($"[grey]{clock.Elapsed.TotalSeconds,6:0.0}s[/] {Markup.Escape(text)}");
                }
            }

            void Stage(string title)
            {
                if (!quiet)
                {
                    console.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
                }
            }

            Stage("1. data");
            var folder = Path.Combine(workspace.Home, "demo");
            var files = await ProgressDisplay.RunAsync(environment, quiet, "demo", async progress =>
            {
                progress.Report(new ProgressStep($"generating {count:N0} card transactions, production traffic and fresh labelled data", 0.5));
                return await DemoFiles.WriteAsync(folder, ModelName, count, seedValue, ct);
            });
            Say($"{count:N0} synthetic card transactions in {Relative(environment, files.Training)} (label is_fraud); traffic, fresh and recent data beside it");

            Stage("2. train and register the champion");
            var spec = new TrainingSpec { Data = files.Training, Label = FraudTransactionGenerator.LabelColumn, Task = TaskKind.Binary, Trainer = "lightgbm", Seed = seedValue };
            var trained = await TrainCommand.RunJobAsync(environment, workspace, new TrainingJobRequest(spec, Experiment, "demo-champion", "gyre demo", environment.WorkingDirectory), quiet, ct);
            var offlineAuc = trained.Outcome.Evaluation?.Metrics.GetValueOrDefault("roc_auc");
            if (!quiet)
            {
                TrainingReport.Write(console, trained);
            }

            var registration = await new ModelRegistration(workspace.Registry, workspace.Tracking, workspace.Artifacts).RegisterRunAsync(
                ModelName, trained.RunId, new RegistrationOptions(ModelsCommands.Actor(environment, "gyre demo: first champion")) { Alias = "champion" }, ct);
            Say($"registered {ModelName} version {registration.Version.Version} as champion (run {trained.RunId.Value[..8]}, offline ROC AUC {Format(offlineAuc)})");

            Stage("3. serve, monitor, drift, retrain, promote, hot-swap");
            var loop = await new ClosedLoop(environment, workspace, files, ModelName, Say).RunAsync(ct);

            Stage("4. reports");
            var reports = await WriteReportsAsync(workspace, files, loop, ct);
            foreach (var report in reports)
            {
                Say($"{Relative(environment, report)}");
            }

            var closed = loop.ChampionAfter is not null && loop.Traffic.Failed == 0;
            if (quiet)
            {
                await environment.Out.WriteLineAsync(Json(trained, registration, loop, reports, offlineAuc, closed).ToJsonString(JsonOutput.Options));
            }
            else
            {
                Stage("summary");
                WriteSummary(console, environment, loop, offlineAuc);
            }

            return closed ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>HTML monitoring reports of the traffic each champion served under drift (drift, performance, concept-drift alarms).</summary>
    private static async Task<List<string>> WriteReportsAsync(Workspace workspace, DemoFiles files, ClosedLoopOutcome loop, CancellationToken ct)
    {
        var job = new MonitorJob(ModelsCommands.Loader(workspace), null);
        var written = new List<string>();
        var header = File.ReadLines(files.DriftTraffic).First();
        foreach (var (phase, version, name) in new[] { ("drift", loop.ChampionBefore, "production-before-retraining"), ("after retraining", loop.ChampionAfter, "production-after-retraining") })
        {
            var rows = loop.Traffic.Rows.Where(r => r.Phase == phase).Select(r => r.Line).ToList();
            if (version is null || rows.Count == 0)
            {
                continue;
            }

            var current = Path.Combine(files.Folder, name + ".csv");
            await Gyre.Data.Files.AtomicFile.WriteAllTextAsync(current, header + "\n" + string.Join('\n', rows) + "\n", ct);
            var report = await job.RunAsync(new MonitorRequest { Model = $"{ModelName}/{version}", CurrentPath = current }, null, ct);
            var html = Path.Combine(files.Folder, name + ".html");
            await HtmlReportWriter.WriteAsync(report, html, ct);
            written.Add(html);
        }

        var challengerReport = Path.Combine(files.Folder, "challenger-on-recent.html");
        if (File.Exists(challengerReport))
        {
            written.Add(challengerReport);
        }

        return written;
    }

    private static void WriteSummary(IAnsiConsole console, CliEnvironment environment, ClosedLoopOutcome loop, double? offlineAuc)
    {
        var traffic = loop.Traffic;
        var table = new Table().AddColumns("stage", "model", "transactions", "ROC AUC");
        table.AddRow("offline (training holdout)", $"version {loop.ChampionBefore}", "-", Format(offlineAuc));
        table.AddRow("production, as trained", $"version {loop.ChampionBefore}", Count(traffic, "before drift"), Format(traffic.RocAuc(r => r.Phase == "before drift")));
        table.AddRow("production, concept drift", $"version {loop.ChampionBefore}", Count(traffic, "drift"), Format(traffic.RocAuc(r => r.Phase == "drift")));
        table.AddRow("[bold]production, after retraining[/]", loop.ChampionAfter is null ? "-" : $"version {loop.ChampionAfter}", Count(traffic, "after retraining"),
            $"[bold]{Format(traffic.RocAuc(r => r.Phase == "after retraining"))}[/]");
        console.Write(table);
        console.WriteLine($"Requests: {traffic.Requests:N0} (predictions and label feedback), failed: {traffic.Failed}.");
        if (loop.AlertSeconds is { } alert && loop.SwapSeconds is { } swap)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Alert to new champion serving: {swap - alert:0.0} s (pipeline run {loop.PipelineRunId?[..8]})."));
        }
        else
        {
            console.MarkupLine($"[red]The loop did not close[/]: {Markup.Escape(loop.PipelineError ?? traffic.LastError ?? "no alert fired or no new champion was served in time")}.");
        }

        console.Write(new Rule("next").LeftJustified());
        console.WriteLine($"  ./gyre pipeline list                     # the retraining run (trigger: alert), its steps");
        if (loop.PipelineRunId is { } run)
        {
            console.WriteLine($"  ./gyre pipeline status {run[..8]}");
        }

        console.WriteLine($"  ./gyre models history {ModelName}          # the registry's audit log: registrations, the gate's decision, alias moves");
        console.WriteLine($"  ./gyre scheduler {Relative(environment, Path.Combine(Workspace.ResolveHome(environment), "demo"))}   # watch the retraining pipeline's trigger yourself");
    }

    private static JsonObject Json(TrainingJobResult trained, RegistrationResult registration, ClosedLoopOutcome loop, List<string> reports, double? offlineAuc, bool closed) => new()
    {
        ["closed"] = closed,
        ["model"] = ModelName,
        ["training_run_id"] = trained.RunId.Value,
        ["champion_before"] = registration.Version.Version,
        ["champion_after"] = loop.ChampionAfter is null ? null : int.Parse(loop.ChampionAfter, CultureInfo.InvariantCulture),
        ["pipeline_run_id"] = loop.PipelineRunId,
        ["pipeline_error"] = loop.PipelineError,
        ["requests"] = loop.Traffic.Requests,
        ["failed_requests"] = loop.Traffic.Failed,
        ["alert_seconds"] = loop.AlertSeconds,
        ["swap_seconds"] = loop.SwapSeconds,
        ["roc_auc"] = new JsonObject
        {
            ["offline"] = offlineAuc,
            ["production_before_drift"] = loop.Traffic.RocAuc(r => r.Phase == "before drift"),
            ["production_drift"] = loop.Traffic.RocAuc(r => r.Phase == "drift"),
            ["production_after_retraining"] = loop.Traffic.RocAuc(r => r.Phase == "after retraining"),
        },
        ["reports"] = new JsonArray([.. reports.Select(r => JsonValue.Create(r))]),
    };

    private static string Count(DemoTraffic traffic, string phase) => traffic.Rows.Count(r => r.Phase == phase).ToString("N0", CultureInfo.InvariantCulture);

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Relative(CliEnvironment environment, string path) => Path.GetRelativePath(environment.WorkingDirectory, path);
}
