using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Client;
using Gyre.Core;
using Gyre.Data.Files;
using Gyre.Tuning;
using Gyre.Tuning.Analysis;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre study list|report`: read the studies in the tracking store (the workspace's, the one
/// <c>GYRE_TRACKING_URI</c> names, or <c>--store URI</c> as `gyre tune` takes it). `report NAME` prints the best trial, parameter importances and the end of the
/// optimisation history; `--json` prints everything; `--html FILE` writes a self-contained page with charts.
/// Unknown study: exit 1 with "Study 'NAME' does not exist.".
/// </summary>
public static class StudyCommands
{
    /// <summary>
    /// Builds `gyre study`; <paramref name="openStorage"/> (given the <c>--store</c> value) replaces opening the tracking
    /// store (tests and embedders hand in their own <see cref="IStudyStorage"/>).
    /// </summary>
    public static Command Create(CliEnvironment environment, Func<string?, CancellationToken, Task<IStudyStorage>>? openStorage = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var open = openStorage ?? ((store, ct) => OpenWorkspaceStorageAsync(environment, store, ct));
        var command = new Command("study", "List hyperparameter-tuning studies and report on one (best trial, importance, history, HTML charts).");
        command.Subcommands.Add(List(environment, open));
        command.Subcommands.Add(Report(environment, open));
        return command;
    }

    /// <summary>The workspace's tracking store as study storage; InvalidState when that store keeps no studies.</summary>
    private static async Task<IStudyStorage> OpenWorkspaceStorageAsync(CliEnvironment environment, string? storeUri, CancellationToken ct)
    {
        var storeEnvironment = storeUri is null
            ? environment
            : environment with { Variables = new Dictionary<string, string>(environment.Variables, StringComparer.Ordinal) { [TrackingClient.TrackingUriVariable] = storeUri } };
        var workspace = await Workspace.OpenAsync(storeEnvironment, ct);
        return workspace.Tracking as IStudyStorage
            ?? throw GyreException.InvalidState("The tracking store in use keeps no studies; studies live in a Gyre database (SQLite or PostgreSQL).");
    }

    private static Command List(CliEnvironment environment, Func<string?, CancellationToken, Task<IStudyStorage>> open)
    {
        var json = CommonOptions.Json();
        var store = StoreOption();
        var command = new Command("list", "List studies: direction, trials by state, best value.") { json, store };
        command.SetAction(async (parse, ct) =>
        {
            var storage = await open(parse.GetValue(store), ct);
            var rows = new List<StudyListItemView>();
            foreach (var summary in await storage.ListStudiesAsync(ct))
            {
                rows.Add(StudyListItemView.From(summary, await storage.GetTrialsAsync(summary.Id, ct)));
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { studies = rows });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            if (rows.Count == 0)
            {
                console.WriteLine("No studies yet. Tune a model with 'gyre tune'.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("study", "direction", "trials", "complete", "pruned", "failed", "best trial", "best value");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.Name), row.Direction, Integer(row.Trials), Integer(row.Complete), Integer(row.Pruned),
                    Integer(row.Failed), row.BestTrial?.ToString(CultureInfo.InvariantCulture) ?? "-", Number(row.BestValue));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Report(CliEnvironment environment, Func<string?, CancellationToken, Task<IStudyStorage>> open)
    {
        var store = StoreOption();
        var name = new Argument<string>("name") { Description = "The study's name." };
        var json = CommonOptions.Json();
        var html = new Option<string?>("--html") { HelpName = "FILE", Description = "Also write a self-contained HTML page with charts to this file." };
        var last = new Option<int>("--last") { HelpName = "N", Description = "History rows shown in the table (the last N complete trials).", DefaultValueFactory = _ => 10 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the importance forest (same seed, same importances).", DefaultValueFactory = _ => 0 };
        var importance = new Option<string>("--importance")
        {
            Description = "Importance method: fanova (Optuna's default) or mdi (mean decrease in impurity).",
            DefaultValueFactory = _ => "fanova",
        };
        importance.AcceptOnlyFromAmong("fanova", "mdi");
        var command = new Command("report", "Report on a study: best trial, parameter importance, optimization history; --json for everything, --html for charts.")
        {
            name, json, html, last, seed, importance, store,
        };
        command.SetAction(async (parse, ct) =>
        {
            var rows = parse.GetValue(last);
            if (rows < 0)
            {
                throw GyreException.InvalidInput($"--last must be 0 or more, got {rows}.");
            }

            var studyName = parse.GetValue(name)!;
            var storage = await open(parse.GetValue(store), ct);
            var summary = await storage.FindStudyAsync(studyName, ct) ?? throw GyreException.NotFound($"Study '{studyName}' does not exist.");
            var trials = await storage.GetTrialsAsync(summary.Id, ct);
            var method = parse.GetValue(importance) == "mdi" ? ImportanceMethod.MeanDecreaseImpurity : ImportanceMethod.Fanova;
            var report = StudyReport.Build(summary.Name, summary.Direction, trials, parse.GetValue(seed), method);
            if (parse.GetValue(html) is { } htmlPath)
            {
                var path = environment.ResolvePath(htmlPath);
                await AtomicFile.WriteAllTextAsync(path, StudyReportHtml.Write(report, DateTimeOffset.UtcNow), ct);
                await environment.Error.WriteLineAsync($"Report written to {path}.");
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, StudyReportView.From(summary, report));
                return ExitCodes.Success;
            }

            WriteTables(Consoles.For(environment.Out, environment.Interactive), report, rows);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTables(IAnsiConsole console, StudyReport report, int historyRows)
    {
        var c = report.Counts;
        var head = new Grid().AddColumn().AddColumn();
        head.AddRow("study", Markup.Escape(report.StudyName));
        head.AddRow("direction", StudyReportView.DirectionName(report.Direction));
        head.AddRow("trials", $"{Integer(c.Total)} ({Integer(c.Complete)} complete, {Integer(c.Pruned)} pruned, {Integer(c.Failed)} failed, {Integer(c.Running)} running)");
        console.Write(head);
        if (report.BestTrial is not { } best)
        {
            console.WriteLine("No trial has completed yet.");
            return;
        }

        var bestTable = new Table().AddColumns("best trial", "value");
        bestTable.AddRow("trial", best.Number.ToString(CultureInfo.InvariantCulture));
        bestTable.AddRow("value", Number(best.Value));
        bestTable.AddRow("duration", best.Duration is { } d ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s" : "-");
        foreach (var (param, value) in best.Params)
        {
            bestTable.AddRow(Markup.Escape(param), Markup.Escape(ParamText(value)));
        }

        console.Write(bestTable);
        if (report.Importances.Count > 0)
        {
            var importance = new Table().AddColumns("parameter", "importance", string.Empty);
            importance.Columns[1].RightAligned();
            foreach (var item in report.Importances)
            {
                importance.AddRow(Markup.Escape(item.Name), item.Importance.ToString("0.0000", CultureInfo.InvariantCulture),
                    new string('#', (int)Math.Round(item.Importance * 40)));
            }

            console.Write(importance);
        }

        if (historyRows > 0 && report.History.Count > 0)
        {
            var history = new Table().AddColumns("trial", "value", "best so far");
            history.Columns[1].RightAligned();
            history.Columns[2].RightAligned();
            foreach (var point in report.History.Skip(Math.Max(0, report.History.Count - historyRows)))
            {
                history.AddRow(point.Number.ToString(CultureInfo.InvariantCulture), Number(point.Value), Number(point.BestSoFar));
            }

            console.Write(history);
        }
    }

    private static Option<string?> StoreOption() =>
        new("--store") { Description = $"Tracking store holding the studies, as {TrackingClient.TrackingUriVariable} names it (default: that variable, else the local workspace)." };

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string ParamText(object? value) => value switch
    {
        null => "None",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
