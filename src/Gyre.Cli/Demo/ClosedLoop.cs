using System.Diagnostics;
using Gyre.Cli.Commands;
using Gyre.Cli.Commands.Monitor;
using Gyre.Cli.Commands.Scheduling;
using Gyre.Core;
using Gyre.Monitoring.InferenceLog;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Registry;
using Gyre.Pipelines.Running;
using Gyre.Pipelines.Scheduling;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Hosting;
using Gyre.Serving.InferenceLogging;
using Gyre.Serving.Models;

namespace Gyre.Cli.Demo;

/// <summary>
/// The loop of `gyre demo`, all real parts in one process: a model server on loopback serving MODEL@champion with its
/// inference log, label feedback and monitoring (alert rules evaluated every 2 s on the last 20 s); the pipeline
/// scheduler watching the retraining pipeline's alert trigger; and traffic: first as trained, then with concept
/// drift, sent until the server has answered with a new champion for a while. Narration goes to <c>say</c>.
/// </summary>
public sealed class ClosedLoop(CliEnvironment environment, Workspace workspace, DemoFiles files, string modelName, Action<string> say)
{
    private const int BatchRows = 50;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(80);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);

    /// <summary>Batches still sent once the new champion answers, to measure it on drifted traffic.</summary>
    private const int AfterSwapBatches = 40;

    public async Task<ClosedLoopOutcome> RunAsync(CancellationToken ct)
    {
        var endpoint = modelName;
        ResetAlertState(endpoint);
        var logStore = workspace.Tracking as IInferenceLogStore
            ?? throw GyreException.InvalidState("The demo needs a workspace whose store keeps the inference log (the local database or a Gyre database).");
        var loader = ModelsCommands.Loader(workspace);
        var champion = await loader.LoadAsync($"{modelName}@champion", ct);
        var before = champion.Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var serverLog = new StreamWriter(Path.Combine(files.Folder, "server.log")) { AutoFlush = true };
        await using var writer = new InferenceLogWriter(logStore);
        EndpointSpec[] specs = [new(endpoint, ModelLocator.Registered($"{modelName}@champion")) { LogSampleRate = 1.0 }];
        var options = new ModelServerOptions
        {
            Endpoints = specs,
            Port = 0,
            PollInterval = TimeSpan.FromSeconds(1),
            FeedbackStore = logStore,
            InferenceLog = new WriterInferenceLogSink(writer),
            Log = TextWriter.Synchronized(serverLog),
        };
        await using var monitoring = await ServeMonitoring.CreateAsync(environment, workspace, specs, "2s", "20s", files.Rules, ct);
        await using var server = await ModelServer.StartAsync(options, new ModelSource(workspace.Registry, loader), ct);
        monitoring!.Start(server.Metrics.Monitoring, TextWriter.Synchronized(serverLog), server.ServedVersion);
        say($"serving {modelName}@champion (version {before}) on {server.Address}: inference log, label feedback, monitoring every 2 s on the last 20 s, rule '{DemoFiles.AlertRule}' (ROC AUC < {DemoFiles.AlertThreshold})");

        var clock = Stopwatch.StartNew();
        double? alertAt = null;
        string? runId = null;
        string? pipelineError = null;
        var pipelineSucceeded = false;
        await using var scheduler = SchedulerHost.Create(environment, workspace, notice =>
        {
            switch (notice.What)
            {
                case "started":
                    alertAt ??= clock.Elapsed.TotalSeconds;
                    say($"scheduler: {notice.Event} → pipeline '{notice.Pipeline}' started");
                    break;
                case "finished" or "failed":
                    runId = notice.RunId;
                    pipelineSucceeded = notice.What == "finished";
                    pipelineError = notice.Message;
                    say($"scheduler: pipeline run {notice.RunId?[..8]} {notice.What}{(notice.Message is null ? string.Empty : ": " + notice.Message)}");
                    break;
                case "error":
                    say($"scheduler: {notice.Message}");
                    break;
            }
        }, step => say($"  step {step.StepId}: {step.Status.ToString().ToLowerInvariant()}{Outputs(step)}"));
        // The demo's trigger watches from now: an alert left by an earlier demo (or after its end) must not retrain this one.
        var ledger = new TriggerLedger(workspace.SchedulerState);
        foreach (var trigger in (await PipelineYaml.ReadFileAsync(files.Pipeline, ct)).Triggers)
        {
            ledger.Disarm(trigger.Key);
        }

        using var stopScheduler = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var schedulerLoop = scheduler.RunAsync(
            SchedulerHost.Loader([files.Pipeline], notice => say($"scheduler: {notice.Pipeline}: {notice.Message}")), TimeSpan.FromSeconds(1), stopScheduler.Token);

        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var normalLines = await File.ReadAllLinesAsync(files.NormalTraffic, ct);
        var traffic = new DemoTraffic(http, endpoint, champion.Package.Manifest.Inputs, normalLines[0].Split(','), Gyre.Data.Synthetic.FraudTransactionGenerator.LabelColumn);
        var normal = normalLines.Skip(1).ToList();
        foreach (var batch in normal.Chunk(BatchRows))
        {
            await traffic.SendAsync("before drift", batch, ct);
            await Task.Delay(Pace, ct);
        }

        say($"traffic as trained: {traffic.Rows.Count:N0} transactions scored, ROC AUC {Auc(traffic.RocAuc(r => true))} from the labels fed back");
        say("traffic now drifts: a new fraud pattern (concept drift; the features look the same)");
        var drift = (await File.ReadAllLinesAsync(files.DriftTraffic, ct)).Skip(1).ToList();
        string? after = null;
        double? swapAt = null;
        var afterSwap = 0;
        var next = 0;
        var nextStatus = clock.Elapsed + TimeSpan.FromSeconds(4);
        var giveUp = clock.Elapsed + GiveUpAfter;
        while (afterSwap < AfterSwapBatches)
        {
            var batch = drift.GetRange(next, Math.Min(BatchRows, drift.Count - next));
            next = (next + BatchRows) % Math.Max(drift.Count - BatchRows, 1);
            var version = await traffic.SendAsync(after is null ? "drift" : "after retraining", batch, ct);
            if (version is not null && version != before && after is null)
            {
                after = version;
                swapAt = clock.Elapsed.TotalSeconds;
                say($"serving: the server hot-swapped to version {version}; no request failed ({traffic.Failed} failed of {traffic.Requests})");
            }

            afterSwap += after is null ? 0 : 1;
            if (after is null && clock.Elapsed > nextStatus)
            {
                nextStatus = clock.Elapsed + TimeSpan.FromSeconds(4);
                say($"traffic under drift: {traffic.Rows.Count(r => r.Phase == "drift"):N0} transactions, ROC AUC {Auc(traffic.RocAuc(r => r.Phase == "drift"))} (version {before})");
            }

            if (after is null && (clock.Elapsed > giveUp || (runId is not null && !pipelineSucceeded)))
            {
                break;
            }

            await Task.Delay(Pace, ct);
        }

        await stopScheduler.CancelAsync();
        await schedulerLoop.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        await scheduler.WhenIdleAsync();
        return new ClosedLoopOutcome(traffic, before, after, alertAt, swapAt, runId, pipelineSucceeded, pipelineError);
    }

    /// <summary>The demo endpoint's alert state starts afresh, so a rule left firing by an earlier demo fires again.</summary>
    private void ResetAlertState(string endpoint)
    {
        var state = Path.Combine(workspace.Home, "monitor", $"serve-{endpoint}.alerts-state.json");
        if (Directory.Exists(Path.GetDirectoryName(state)))
        {
            File.Delete(state);
            File.Delete(Path.ChangeExtension(state, ".webhooks.json"));
        }
    }

    private static string Outputs(StepRunResult step) =>
        step.CachedFrom is not null ? " (cached)"
        : step.Outputs.TryGetValue("promoted", out var promoted) ? $" (promoted: {promoted}, champion: version {step.Outputs.GetValueOrDefault("champion")})"
        : step.Outputs.TryGetValue("version", out var version) ? $" (version {version})"
        : step.Error is not null ? $" ({step.Error})" : string.Empty;

    private static string Auc(double? value) => value is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
