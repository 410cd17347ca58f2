using System.CommandLine;
using System.Text.Json;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Pipelines.Monitoring;
using Spectre.Console;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>
/// `gyre monitor watch --rules alerts.yaml (--model M ...) [--interval 5m] [--once]`: evaluates alert rules on a
/// schedule; fired and resolved alerts go to the events file (what pipelines trigger on) and the rules' webhooks.
/// State (pending conditions, firing alerts, webhook deliveries) survives restarts. Stops with Ctrl+C.
/// </summary>
public static class MonitorWatchCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var inputs = new MonitorInputOptions();
        var rules = new Option<string>("--rules") { Description = "Alert rules YAML (metric, threshold, window, for, webhooks; see docs/monitoring.md).", Required = true };
        var interval = new Option<string>("--interval") { Description = "Time between evaluations (e.g. 5m).", DefaultValueFactory = _ => "5m" };
        var once = new Option<bool>("--once") { Description = "Evaluate once and exit (for cron and schedulers)." };
        var state = new Option<string?>("--state") { Description = "Alert state file (default: <workspace>/monitor/<model>.alerts-state.json)." };
        var events = new Option<string?>("--events") { Description = "Alert events file, JSON lines (default: <workspace>/events/alerts.jsonl)." };
        var json = CommonOptions.Json();
        var command = new Command("watch", "Evaluate alert rules on a schedule against the model's monitoring figures; fire webhooks and record alert events.");
        inputs.AddTo(command);
        command.Options.Add(rules);
        command.Options.Add(interval);
        command.Options.Add(once);
        command.Options.Add(state);
        command.Options.Add(events);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            AlertRuleSet ruleSet;
            TimeSpan every;
            try
            {
                ruleSet = await AlertRuleSet.LoadAsync(environment.ResolvePath(parse.GetValue(rules)!), ct);
                every = Durations.Parse(parse.GetValue(interval)!, "--interval");
            }
            catch (GyreException error) when (error.Kind == ErrorKind.InvalidInput)
            {
                return await MonitorCommands.UsageErrorAsync(environment, "watch", error.Message);
            }

            var (request, job) = await MonitorReportCommand.ReadInputsAsync(inputs, parse, environment, ct, "watch");
            if (request is null)
            {
                return ExitCodes.Usage;
            }

            var home = Workspace.ResolveHome(environment);
            var name = SafeName(request.Model ?? Path.GetFileNameWithoutExtension(request.ReferencePath!));
            var statePath = parse.GetValue(state) is { } s ? environment.ResolvePath(s) : Path.Combine(home, "monitor", name + ".alerts-state.json");
            var eventsPath = parse.GetValue(events) is { } e ? environment.ResolvePath(e) : Path.Combine(home, "events", "alerts.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
            Directory.CreateDirectory(Path.GetDirectoryName(eventsPath)!);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var watch = await MonitorWatch.OpenAsync(
                job!, request, ruleSet, statePath, new JsonlAlertEventSink(eventsPath), Path.ChangeExtension(statePath, ".webhooks.json"), http, null, ct);
            var quiet = parse.GetValue(json);
            if (!quiet)
            {
                await environment.Error.WriteLineAsync($"Watching {request.Model ?? request.ReferencePath} with {ruleSet.Rules.Count} rule(s) every {AlertDuration.Format(every)}; events go to {eventsPath}.");
            }

            do
            {
                try
                {
                    var cycle = await watch.RunOnceAsync(DateTimeOffset.UtcNow, null, ct);
                    await WriteCycleAsync(environment, cycle, quiet);
                }
                catch (Exception error) when (error is GyreException or IOException or HttpRequestException && !parse.GetValue(once))
                {
                    // A long-running watch outlives a store or file hiccup: report it, keep the state, retry next interval.
                    await environment.Error.WriteLineAsync($"gyre monitor watch: this evaluation failed, retrying in {AlertDuration.Format(every)}: {error.Message}");
                }

                if (parse.GetValue(once))
                {
                    break;
                }

                try
                {
                    await Task.Delay(every, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            while (!ct.IsCancellationRequested);

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteCycleAsync(CliEnvironment environment, WatchCycle cycle, bool quiet)
    {
        var dispatch = cycle.Dispatch;
        if (quiet)
        {
            var document = new
            {
                reports = cycle.Reports.Select(r => new { current = r.Current.Description, rows = r.Current.Rows, dataset_drift = r.Drift.DatasetDrifted, drift_share = r.Drift.Share }),
                transitions = dispatch.Transitions.Select(t => new { rule = t.Rule.Name, kind = t.Kind.ToString().ToLowerInvariant(), labels = t.Labels, value = double.IsFinite(t.Value) ? t.Value : (double?)null }),
                events = dispatch.Events.Select(a => new
                {
                    id = a.Id, rule = a.Rule, metric = a.Metric, severity = a.Severity.ToString().ToLowerInvariant(), state = a.State.ToString().ToLowerInvariant(),
                    labels = a.Labels, value = double.IsFinite(a.Value) ? a.Value : (double?)null, op = a.Op, threshold = a.Threshold,
                    started_at = a.StartedAt, at = a.At, model = a.Model,
                }),
                failed_deliveries = dispatch.FailedDeliveries.Select(d => new { webhook = d.Webhook, outcome = d.Outcome.ToString().ToLowerInvariant(), error = d.Error }),
            };
            await environment.Out.WriteLineAsync(JsonSerializer.Serialize(document, JsonOutput.Options).ReplaceLineEndings(" "));
            return;
        }

        var console = Consoles.For(environment.Out, environment.Interactive);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var report in cycle.Reports)
        {
            console.MarkupLine($"{now} {Markup.Escape(report.Current.Description)}: {report.Current.Rows} rows, " +
                (report.Drift.DatasetDrifted ? "[red]dataset drift[/]" : "no dataset drift") + $" ({report.Drift.DriftedCount}/{report.Drift.TestedCount} columns)");
        }

        foreach (var alert in dispatch.Events)
        {
            console.MarkupLine($"{now} alert [bold]{Markup.Escape(alert.Rule)}[/] {Markup.Escape(alert.State.ToString().ToLowerInvariant())}: value {alert.Value:0.####} (threshold {alert.Threshold:0.####})");
        }

        foreach (var failure in dispatch.FailedDeliveries)
        {
            console.MarkupLine($"[yellow]warning:[/] webhook {Markup.Escape(failure.Webhook)}: {Markup.Escape(failure.Error ?? failure.Outcome.ToString())}");
        }
    }

    private static string SafeName(string text) =>
        string.Concat(text.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
