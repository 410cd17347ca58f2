using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Tracking;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre runs list|show|compare`: read the tracking store.</summary>
public static class RunsCommands
{
    /// <summary>Metrics shown as columns in `runs list`, in this order, when runs have them.</summary>
    private static readonly string[] HeadlineMetrics = ["roc_auc", "pr_auc", "f1", "micro_accuracy", "macro_accuracy", "rmse", "r2"];

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("runs", "List, show and compare tracked runs.");
        command.Subcommands.Add(List(environment));
        command.Subcommands.Add(Show(environment));
        command.Subcommands.Add(Compare(environment));
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var experiment = new Option<string?>("--experiment", "-e") { Description = "Only runs of this experiment (name)." };
        var max = new Option<int>("--max") { Description = "At most this many runs, newest first.", DefaultValueFactory = _ => 50 };
        var all = new Option<bool>("--all") { Description = "Include deleted runs." };
        var json = CommonOptions.Json();
        var command = new Command("list", "List runs, newest first.") { experiment, max, all, json };
        command.SetAction(async (parse, ct) =>
        {
            var limit = parse.GetValue(max);
            if (limit <= 0)
            {
                throw GyreException.InvalidInput($"--max must be a positive number, got {limit}.");
            }

            var workspace = await Workspace.OpenAsync(environment, ct);
            var runs = await ListRunsAsync(workspace.Tracking, parse.GetValue(experiment), parse.GetValue(all) ? ViewType.All : ViewType.ActiveOnly, limit, ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { runs = runs.Select(RunView.From) });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            if (runs.Count == 0)
            {
                console.WriteLine("No runs yet. Train a model with 'gyre train' or try 'gyre demo'.");
                return ExitCodes.Success;
            }

            var metricColumns = HeadlineMetrics.Where(m => runs.Any(r => r.Data.Metrics.Any(x => x.Key == m))).ToList();
            var table = new Table().AddColumns("run id", "experiment", "name", "status", "started (UTC)", "duration");
            foreach (var metric in metricColumns)
            {
                table.AddColumn(new TableColumn(metric).RightAligned());
            }

            var experimentNames = await ExperimentNamesAsync(workspace.Tracking, ct);
            foreach (var run in runs)
            {
                var cells = new List<string>
                {
                    run.Info.RunId.Value,
                    experimentNames.GetValueOrDefault(run.Info.ExperimentId.Value, run.Info.ExperimentId.Value),
                    run.Info.RunName,
                    run.Info.Status.ToString().ToUpperInvariant(),
                    DateTimeOffset.FromUnixTimeMilliseconds(run.Info.StartTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    run.Info.EndTime is { } end ? $"{(end - run.Info.StartTime) / 1000.0:0.0}s" : "-",
                };
                cells.AddRange(metricColumns.Select(m => Consoles.Metric(run.Data.Metrics.FirstOrDefault(x => x.Key == m)?.Value)));
                table.AddRow([.. cells.Select(Markup.Escape)]);
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliEnvironment environment)
    {
        var runId = new Argument<string>("run-id") { Description = "The run's id, or a unique prefix of at least 6 characters." };
        var json = CommonOptions.Json();
        var command = new Command("show", "Show one run: status, params, metrics, tags, inputs and artifacts.") { runId, json };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var run = await RunLookup.GetAsync(workspace.Tracking, parse.GetValue(runId)!, ct);
            var artifacts = await workspace.Artifacts.ListArtifactsAsync(run.Info.ExperimentId, run.Info.RunId, null, ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { run = RunView.From(run), artifacts });
                return ExitCodes.Success;
            }

            var view = RunView.From(run);
            var console = Consoles.For(environment.Out, environment.Interactive);
            var summary = new Grid().AddColumn().AddColumn();
            summary.AddRow("run id", view.RunId);
            summary.AddRow("name", Markup.Escape(view.RunName));
            summary.AddRow("experiment", view.ExperimentId);
            summary.AddRow("status", view.Status);
            summary.AddRow("user", Markup.Escape(view.User));
            summary.AddRow("started", view.StartTime.ToString("u", CultureInfo.InvariantCulture));
            summary.AddRow("duration", view.DurationSeconds is { } d ? $"{d:0.0}s" : "-");
            summary.AddRow("artifacts", Markup.Escape(view.ArtifactUri));
            console.Write(summary);
            console.Write(KeyValueTable("metric", view.Metrics.Select(m => (m.Key, Consoles.Metric(m.Value)))));
            console.Write(KeyValueTable("param", view.Params.Select(p => (p.Key, p.Value))));
            console.Write(KeyValueTable("tag", view.Tags.Select(t => (t.Key, t.Value))));
            if (view.Inputs.Count > 0)
            {
                var inputs = new Table().AddColumns("dataset", "sha-256", "source");
                foreach (var input in view.Inputs)
                {
                    inputs.AddRow(Markup.Escape(input.Name), input.Digest, Markup.Escape(input.Source));
                }

                console.Write(inputs);
            }

            if (artifacts.Count > 0)
            {
                console.Write(KeyValueTable("artifact", artifacts.Select(a => (a.Path + (a.IsDirectory ? "/" : string.Empty), a.FileSize?.ToString(CultureInfo.InvariantCulture) ?? string.Empty))));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Compare(CliEnvironment environment)
    {
        var runIds = new Argument<string[]>("run-ids") { Description = "Two or more run ids (or unique prefixes).", Arity = new ArgumentArity(2, 100) };
        var json = CommonOptions.Json();
        var command = new Command("compare", "Compare runs side by side: params and metrics that differ are marked.") { runIds, json };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var runs = new List<RunView>();
            foreach (var id in parse.GetValue(runIds)!)
            {
                runs.Add(RunView.From(await RunLookup.GetAsync(workspace.Tracking, id, ct)));
            }

            var metricKeys = runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var paramKeys = runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    runs = runs.Select(r => r.RunId),
                    metrics = metricKeys.ToDictionary(k => k, k => runs.Select(r => r.Metrics.TryGetValue(k, out var v) ? (double?)v : null).ToList()),
                    @params = paramKeys.ToDictionary(k => k, k => runs.Select(r => r.Params.GetValueOrDefault(k)).ToList()),
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            var table = new Table().AddColumn("");
            foreach (var run in runs)
            {
                table.AddColumn(new TableColumn(Markup.Escape($"{run.RunId[..8]} {run.RunName}")).RightAligned());
            }

            foreach (var key in metricKeys)
            {
                var values = runs.Select(r => r.Metrics.TryGetValue(key, out var v) ? Consoles.Metric(v) : "-").ToList();
                table.AddRow([Mark(key, values), .. values]);
            }

            table.AddEmptyRow();
            foreach (var key in paramKeys)
            {
                var values = runs.Select(r => r.Params.GetValueOrDefault(key) ?? "-").ToList();
                table.AddRow([Mark(key, values), .. values.Select(v => Markup.Escape(Shorten(v)))]);
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Row label, bold with a marker when the runs' values differ.</summary>
    private static string Mark(string key, List<string> values) =>
        values.Distinct().Count() > 1 ? $"[bold]* {Markup.Escape(key)}[/]" : Markup.Escape(key);

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private static Table KeyValueTable(string keyTitle, IEnumerable<(string Key, string Value)> rows)
    {
        var table = new Table().AddColumn(keyTitle).AddColumn("value");
        foreach (var (key, value) in rows)
        {
            table.AddRow(Markup.Escape(key), Markup.Escape(Shorten(value)));
        }

        return table;
    }

    private static async Task<List<Run>> ListRunsAsync(ITrackingStore store, string? experimentName, ViewType viewType, int limit, CancellationToken ct)
    {
        List<ExperimentId> experimentIds;
        if (experimentName is not null)
        {
            var experiment = await store.FindExperimentByNameAsync(experimentName, ct)
                ?? throw GyreException.NotFound($"Could not find experiment with name '{experimentName}'.");
            experimentIds = [experiment.Id];
        }
        else
        {
            experimentIds = [.. (await RunLookup.AllExperimentsAsync(store, ViewType.All, ct)).Select(e => e.Id)];
        }

        // The store orders runs of several experiments newest first, so one page of `limit` is the answer.
        var page = await store.SearchRunsAsync(experimentIds, viewType, limit, null, ct);
        return [.. page.Items];
    }

    private static async Task<Dictionary<string, string>> ExperimentNamesAsync(ITrackingStore store, CancellationToken ct) =>
        (await RunLookup.AllExperimentsAsync(store, ViewType.All, ct)).ToDictionary(e => e.Id.Value, e => e.Name);
}
