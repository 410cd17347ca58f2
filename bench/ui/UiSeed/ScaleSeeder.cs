using System.Diagnostics;
using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Monitoring.InferenceLog;
using Gyre.Registry;
using Gyre.Stores.Sqlite;
using Gyre.Tracking;
using Gyre.Tuning;
using Gyre.Tuning.Distributions;

namespace UiSeed;

/// <summary>
/// The scale workspace, written through the real stores as a server would: experiment "bench-100k" with N runs
/// (each one CreateRun and one LogBatch of 3 params, 2 metrics and a tag), experiment "bench-long" with a run whose
/// metric "loss" has P steps (LogBatch of 1,000 points, the API's maximum) and two short runs to compare it with, a
/// study of 100 trials, a model with 3 versions and 2 aliases, 10,000 inference records of two endpoints over the
/// last 10 minutes, the "monitoring" experiment's runs (200 evaluations each) and 50 alert events.
/// </summary>
internal static class ScaleSeeder
{
    private const string MonitoringExperiment = "monitoring";

    public static async Task<SeedFacts> SeedAsync(SeedOptions options, Action<string, double> report)
    {
        var ct = CancellationToken.None;
        using var store = await SqliteTrackingStore.OpenAsync(options.Database, "mlflow-artifacts:", null, ct);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();

        var experiment = await store.CreateExperimentAsync("bench-100k", null, null, ct);
        string[] optimizers = ["adam", "sgd", "rmsprop"];
        for (var i = 0; i < options.Runs; i++)
        {
            var run = await store.CreateRunAsync(experiment, "run-" + i.ToString(CultureInfo.InvariantCulture), "bench", now - options.Runs + i, null, ct);
            var acc = 0.5 + (0.5 * ((i * 7919) % options.Runs) / options.Runs);
            await store.LogBatchAsync(
                run.RunId,
                [new Metric("acc", acc, now, 0), new Metric("loss", 1 - acc, now, 0)],
                [new Param("lr", ((1 + (i % 100)) / 1000.0).ToString("R", CultureInfo.InvariantCulture)),
                 new Param("depth", (2 + (i % 9)).ToString(CultureInfo.InvariantCulture)), new Param("optimizer", optimizers[i % 3])],
                [new Tag("shard", (i % 10).ToString(CultureInfo.InvariantCulture))],
                ct);
            if ((i + 1) % 10_000 == 0)
            {
                report($"{i + 1} runs", clock.Elapsed.TotalSeconds);
            }
        }

        report($"{options.Runs} runs (CreateRun + LogBatch each)", clock.Elapsed.TotalSeconds);
        clock.Restart();
        var longExperiment = await store.CreateExperimentAsync("bench-long", null, null, ct);
        var longRun = await store.CreateRunAsync(longExperiment, "long", "bench", now - 3_600_000, null, ct);
        for (var from = 0; from < options.Points; from += 1000)
        {
            var count = Math.Min(1000, options.Points - from);
            var batch = new Metric[count];
            for (var k = 0; k < count; k++)
            {
                var step = from + k;
                batch[k] = new Metric("loss", (2 * Math.Exp(-step / 200_000.0)) + (0.1 * Math.Sin(step / 50.0)), now - options.Points + step, step);
            }

            await store.LogBatchAsync(longRun.RunId, batch, [], [], ct);
        }

        await store.LogBatchAsync(longRun.RunId, [], [new Param("lr", "0.01"), new Param("depth", "6")], [], ct);

        report($"{options.Points} metric points on one run (LogBatch of 1,000)", clock.Elapsed.TotalSeconds);
        clock.Restart();
        var compare = new List<string> { longRun.RunId.Value };
        for (var r = 0; r < 2; r++)
        {
            var run = await store.CreateRunAsync(longExperiment, "short-" + r.ToString(CultureInfo.InvariantCulture), "bench", now - 1_800_000, null, ct);
            var points = Enumerable.Range(0, 1000).Select(step => new Metric("loss", 2 * Math.Exp(-step / (300.0 + (100 * r))), now, step)).ToList();
            await store.LogBatchAsync(run.RunId, points, [], [], ct);
            await store.LogBatchAsync(run.RunId, [], [new Param("lr", r == 0 ? "0.02" : "0.03"), new Param("depth", "4")], [], ct);
            compare.Add(run.RunId.Value);
        }

        await SeedStudyAsync(store, ct);
        await SeedModelAsync(store, longRun.RunId, ct);
        await SeedInferencesAsync(store, now, ct);
        await SeedMonitoringAsync(store, now, ct);
        await SeedAlertsAsync(options.AlertsPath, ct);
        report("study, model, inference log, monitoring runs and alerts", clock.Elapsed.TotalSeconds);
        return new SeedFacts(experiment.Value, options.Runs, longRun.RunId.Value, options.Points, compare, "bench-study", "bench-model");
    }

    private static async Task SeedStudyAsync(IStudyStorage studies, CancellationToken ct)
    {
        var study = await studies.CreateStudyAsync("bench-study", StudyDirection.Minimize, ct);
        var xs = new FloatDistribution(-5, 5, name: "x");
        var ys = new IntDistribution(1, 10, name: "y");
        var zs = new FloatDistribution(0.001, 1, log: true, name: "z");
        for (var i = 0; i < 100; i++)
        {
            var trial = await studies.CreateTrialAsync(study, ct);
            var x = -5 + (((i * 37) % 100) / 10.0);
            var y = 1 + ((i * 3) % 10);
            var z = Math.Pow(10, -3 + (((i * 13) % 30) / 10.0));
            await studies.SetParamAsync(study, trial, "x", xs, x, ct);
            await studies.SetParamAsync(study, trial, "y", ys, y, ct);
            await studies.SetParamAsync(study, trial, "z", zs, Math.Log(z), ct);
            await studies.FinishTrialAsync(study, trial, TrialState.Complete, ((x - 1) * (x - 1)) + (y / 10.0) + z, null, ct);
        }
    }

    private static async Task SeedModelAsync(SqliteTrackingStore registry, RunId run, CancellationToken ct)
    {
        var actor = new RegistryActor("bench");
        await registry.CreateRegisteredModelAsync("bench-model", null, null, actor, ct);
        for (var v = 1; v <= 3; v++)
        {
            await registry.CreateModelVersionAsync(new NewModelVersion("bench-model", $"runs:/{run.Value}/model") { RunId = run, UserId = "bench" }, actor, ct);
        }

        await registry.SetAliasAsync("bench-model", "champion", 2, actor, ct);
        await registry.SetAliasAsync("bench-model", "challenger", 3, actor, ct);
    }

    private static async Task SeedInferencesAsync(SqliteTrackingStore log, long now, CancellationToken ct)
    {
        foreach (var endpoint in new[] { "churn", "fraud" })
        {
            var records = Enumerable.Range(0, 5000).Select(i => new InferenceRecord(
                $"{endpoint}-{i}", now - 600_000 + (i * 120), endpoint, "bench-model", i % 10 == 9 ? 3 : 2,
                i % 10 == 9 ? InferenceVariants.Canary : InferenceVariants.Primary, """{"age":40}""", """{"label":"no"}""", 1 + (i % 30))).ToList();
            await log.AppendInferencesAsync(records, ct);
        }
    }

    private static async Task SeedMonitoringAsync(SqliteTrackingStore store, long now, CancellationToken ct)
    {
        var experiment = await store.CreateExperimentAsync(MonitoringExperiment, null, null, ct);
        foreach (var endpoint in new[] { "churn", "fraud" })
        {
            var run = await store.CreateRunAsync(experiment, endpoint, "bench", now - (201 * 600_000L),
                [new Tag("gyre.monitoring.endpoint", endpoint), new Tag("gyre.monitoring.model", "bench-model")], ct);
            var metrics = new List<Metric>();
            for (var e = 0; e < 200; e++)
            {
                var at = now - ((200 - e) * 600_000L);
                metrics.Add(new Metric("dataset_drift_share", (e % 50) / 50.0, at, at / 1000));
                for (var f = 0; f < 4; f++)
                {
                    metrics.Add(new Metric("feature_drift.f" + f.ToString(CultureInfo.InvariantCulture), ((e + (f * 10)) % 40) / 40.0, at, at / 1000));
                }

                metrics.Add(new Metric("performance.accuracy", 0.9 - ((e % 20) / 100.0), at, at / 1000));
                if (metrics.Count >= 900)
                {
                    await store.LogBatchAsync(run.RunId, metrics, [], [], ct);
                    metrics.Clear();
                }
            }

            await store.LogBatchAsync(run.RunId, metrics, [], [], ct);
        }
    }

    private static async Task SeedAlertsAsync(string path, CancellationToken ct)
    {
        var sink = new JsonlAlertEventSink(path);
        var labels = new Dictionary<string, string> { ["endpoint"] = "churn" };
        for (var i = 0; i < 50; i++)
        {
            var started = DateTimeOffset.UtcNow.AddHours(-50 + i);
            var state = i % 2 == 0 ? AlertEventState.Firing : AlertEventState.Resolved;
            await sink.AppendAsync(new AlertEvent(AlertEvent.Fingerprint("drift-high", labels, state, started), "drift-high", "dataset_drift_share",
                AlertSeverity.Warning, state, labels, 0.6, ">", 0.5, started, started.AddMinutes(10), "bench-model"), ct);
        }
    }
}
