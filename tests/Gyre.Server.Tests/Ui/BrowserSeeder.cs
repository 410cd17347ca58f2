using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Monitoring.InferenceLog;
using Gyre.Pipelines.Monitoring;
using Gyre.Registry;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;
using Gyre.Tuning;
using Gyre.Tuning.Distributions;

namespace Gyre.Server.Tests.Ui;

/// <summary>
/// Fills a running server's workspace through its real stores (tracking, artifacts, studies, registry, inference log)
/// and an alert events file with what every page of the web UI shows: two experiments (60 + 5 runs with params,
/// metrics, tags and dataset inputs; the newest run has a 5,000-step metric (train_loss) and text, JSON and PNG artifacts), a
/// study of 20 trials, a model with 3 versions and 2 aliases, inference records of two endpoints (primary + canary,
/// the last 5 minutes), two alert events and the "monitoring" experiment's runs (as MonitoringHistory writes them).
/// </summary>
public static class BrowserSeeder
{
    private const int RunCount = 60;
    private const int LongMetricPoints = 5000;
    private const string LongMetricKey = "train_loss";
    private const string DatasetDigest = "5f0c2a9e";
    private const string JsonArtifactPath = "eval/metrics.json";
    private const string TextArtifactPath = "notes.txt";
    private const string TextArtifactContent = "Trained on the iris sample with early stopping.\nSecond line of notes.";
    private const string ImageArtifactPath = "plots/curve.png";
    private const string ModelName = "ui-model";
    private const string StudyName = "ui-study";

    /// <summary>An 8x8 RGB PNG (a colour gradient).</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAbUlEQVR42hXOUREAUQhCUaMYhShEMcqNQhSi7Fs/OQzjzLCDBg83MGToMLPsosXLLSxZug/ECgmLE4iI6oFZI2NzBhNTPzj20OHjDo4cvQf/7Bt41Rf+F+h7YsIGBYfLHyc0D8oWFZfrX05p+QDeqGABtJu0bQAAAABJRU5ErkJggg==");

    private static readonly string[] Endpoints = ["churn", "fraud"];
    private static readonly string[] Features = ["age", "income"];
    private static readonly string[] AlertRules = ["drift-high", "latency-p95"];

    /// <summary>Seeds <paramref name="server"/>'s workspace; <paramref name="alertEventsPath"/> gets the alert events; <paramref name="scratch"/> holds files to upload.</summary>
    public static async Task<BrowserSeed> SeedAsync(TrackingServer server, string alertEventsPath, string scratch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        var store = server.Store;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var experiment = await store.CreateExperimentAsync("ui-demo", [new Tag("team", "vision")], ct);
        var runs = new List<RunId>();
        var accAbove09 = 0;
        for (var i = 0; i < RunCount; i++)
        {
            var acc = Accuracy(i);
            accAbove09 += acc > 0.9 ? 1 : 0;
            runs.Add(await SeedRunAsync(store, experiment, i, acc, now - ((RunCount - i) * 60_000L), ct));
        }

        var detail = runs[^1];
        await SeedLongMetricAsync(store, detail, now, ct);
        await SeedArtifactsAsync(server, experiment, detail, scratch, ct);
        var other = await store.CreateExperimentAsync("ui-other", null, ct);
        for (var i = 0; i < 5; i++)
        {
            await SeedRunAsync(store, other, i, Accuracy(i), now - ((5 - i) * 60_000L), ct);
        }

        var bestValue = await SeedStudyAsync((IStudyStorage)store, ct);
        var aliases = await SeedModelAsync(server.Registry, runs, ct);
        await SeedInferencesAsync((IInferenceLogStore)store, now, ct);
        await SeedAlertsAsync(alertEventsPath, ct);
        await SeedMonitoringAsync(store, now, ct);
        return new BrowserSeed(
            experiment.Value, "ui-demo", other.Value, "ui-other", RunCount, accAbove09, detail.Value, RunName(RunCount - 1),
            LongMetricKey, LongMetricPoints, TextArtifactPath, TextArtifactContent, "eval", JsonArtifactPath, "f1_macro", ImageArtifactPath,
            "iris-train", DatasetDigest, [runs[^3].Value, runs[^2].Value, runs[^1].Value], ["lr", "depth", "optimizer"], ["dataset"],
            StudyName, 20, bestValue, ModelName, 3, aliases, Endpoints, AlertRules, Features);
    }

    /// <summary>Run i's final accuracy: 0.6 + 0.4 i / 59, so the last 15 of 60 runs are above 0.9.</summary>
    private static double Accuracy(int i) => 0.6 + (0.4 * i / (RunCount - 1));

    private static string RunName(int i) => "run-" + i.ToString("D2", CultureInfo.InvariantCulture);

    private static async Task<RunId> SeedRunAsync(ITrackingStore store, ExperimentId experiment, int i, double acc, long start, CancellationToken ct)
    {
        var info = await store.CreateRunAsync(
            experiment, RunName(i), "ui-tester", start, [new Tag("team", i % 2 == 0 ? "vision" : "nlp"), new Tag("stage", "sweep")], ct);
        var metrics = new List<Metric>();
        for (var step = 0; step < 10; step++)
        {
            var t = start + (step * 1000L);
            metrics.Add(new Metric("acc", acc - (0.3 * (9 - step) / 9), t, step));
            metrics.Add(new Metric("loss", 1.0 - acc + (0.5 * (9 - step) / 9), t, step));
        }

        string[] optimizers = ["adam", "sgd", "rmsprop"];
        await store.LogBatchAsync(
            info.RunId,
            metrics,
            [
                new Param("lr", ((i + 1) / 1000.0).ToString("R", CultureInfo.InvariantCulture)),
                new Param("depth", (2 + (i % 9)).ToString(CultureInfo.InvariantCulture)),
                new Param("optimizer", optimizers[i % 3]),
                new Param("dataset", "iris"),
            ],
            [],
            ct);
        await store.LogInputsAsync(info.RunId, [new DatasetInput("iris-train", DatasetDigest, "local", "/data/iris-train.csv")], ct);
        await store.UpdateRunAsync(info.RunId, RunStatus.Finished, start + 10_000, null, ct);
        return info.RunId;
    }

    private static async Task SeedLongMetricAsync(ITrackingStore store, RunId run, long now, CancellationToken ct)
    {
        for (var from = 0; from < LongMetricPoints; from += 1000)
        {
            var batch = Enumerable.Range(from, 1000)
                .Select(step => new Metric(LongMetricKey, (2 * Math.Exp(-step / 1000.0)) + (0.05 * Math.Sin(step / 7.0)), now - LongMetricPoints + step, step))
                .ToList();
            await store.LogBatchAsync(run, batch, [], [], ct);
        }
    }

    private static async Task SeedArtifactsAsync(TrackingServer server, ExperimentId experiment, RunId run, string scratch, CancellationToken ct)
    {
        var artifacts = new ArtifactStore(server.Artifacts);
        Directory.CreateDirectory(scratch);
        var text = Path.Combine(scratch, "notes.txt");
        var json = Path.Combine(scratch, "metrics.json");
        var png = Path.Combine(scratch, "curve.png");
        await File.WriteAllTextAsync(text, TextArtifactContent, ct);
        await File.WriteAllTextAsync(json, """{"f1_macro":0.931,"per_class":{"setosa":1.0,"versicolor":0.9,"virginica":0.893},"rows":150}""", ct);
        await File.WriteAllBytesAsync(png, Png, ct);
        await artifacts.LogArtifactAsync(experiment, run, text, null, ct);
        await artifacts.LogArtifactAsync(experiment, run, json, "eval", ct);
        await artifacts.LogArtifactAsync(experiment, run, png, "plots", ct);
    }

    /// <summary>20 trials minimizing (x - 1)² + y / 10: 18 complete, trial 7 pruned, trial 13 failed. Returns the best value.</summary>
    private static async Task<double> SeedStudyAsync(IStudyStorage studies, CancellationToken ct)
    {
        var study = await studies.CreateStudyAsync(StudyName, StudyDirection.Minimize, ct);
        var xs = new FloatDistribution(-5, 5, name: "x");
        var ys = new IntDistribution(1, 10, name: "y");
        var best = double.PositiveInfinity;
        for (var i = 0; i < 20; i++)
        {
            var trial = await studies.CreateTrialAsync(study, ct);
            var x = -4.5 + (((i * 7) % 20) * 0.45);
            var y = 1 + ((i * 3) % 10);
            await studies.SetParamAsync(study, trial, "x", xs, x, ct);
            await studies.SetParamAsync(study, trial, "y", ys, y, ct);
            var value = ((x - 1) * (x - 1)) + (y / 10.0);
            await studies.ReportIntermediateAsync(study, trial, 0, value * 1.5, ct);
            switch (i)
            {
                case 7:
                    await studies.FinishTrialAsync(study, trial, TrialState.Pruned, null, null, ct);
                    break;
                case 13:
                    await studies.FinishTrialAsync(study, trial, TrialState.Fail, null, "diverged", ct);
                    break;
                default:
                    await studies.FinishTrialAsync(study, trial, TrialState.Complete, value, null, ct);
                    best = Math.Min(best, value);
                    break;
            }
        }

        return best;
    }

    private static async Task<IReadOnlyDictionary<string, int>> SeedModelAsync(IModelRegistryStore registry, List<RunId> runs, CancellationToken ct)
    {
        var actor = new RegistryActor("ui-tester", "seeding the UI tests");
        await registry.CreateRegisteredModelAsync(ModelName, "Iris classifier used by the UI tests.", [new ModelTag("owner", "ui")], actor, ct);
        for (var version = 1; version <= 3; version++)
        {
            var run = runs[runs.Count - 4 + version];
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(version)));
            await registry.CreateModelVersionAsync(
                new NewModelVersion(ModelName, $"runs:/{run.Value}/model")
                {
                    RunId = run,
                    UserId = "ui-tester",
                    Package = new PackageFacts(sha, "mlnet", null, new Dictionary<string, double> { ["accuracy"] = 0.9 + (version / 100.0) }),
                },
                actor,
                ct);
        }

        await registry.SetAliasAsync(ModelName, "champion", 2, actor, ct);
        await registry.SetAliasAsync(ModelName, "challenger", 3, actor, ct);
        return new Dictionary<string, int> { ["champion"] = 2, ["challenger"] = 3 };
    }

    /// <summary>Per endpoint over the last 5 minutes: 90 primary requests (version 2) and 10 canary requests (version 3).</summary>
    private static async Task SeedInferencesAsync(IInferenceLogStore log, long now, CancellationToken ct)
    {
        var records = new List<InferenceRecord>();
        foreach (var endpoint in Endpoints)
        {
            for (var i = 0; i < 100; i++)
            {
                var canary = i % 10 == 9;
                records.Add(new InferenceRecord(
                    $"{endpoint}-{i}", now - 300_000 + (i * 3_000), endpoint, ModelName, canary ? 3 : 2,
                    canary ? InferenceVariants.Canary : InferenceVariants.Primary,
                    $$"""{"age":{{20 + (i % 50)}},"income":{{1000 * (i % 7)}}}""", """{"label":"yes"}""", 2 + (i % 20)));
            }
        }

        await log.AppendInferencesAsync(records, ct);
    }

    private static async Task SeedAlertsAsync(string path, CancellationToken ct)
    {
        var sink = new JsonlAlertEventSink(path);
        var started = DateTimeOffset.UtcNow.AddMinutes(-30);
        var labels = new Dictionary<string, string> { ["endpoint"] = "churn", ["model"] = ModelName };
        await sink.AppendAsync(
            new AlertEvent(
                AlertEvent.Fingerprint(AlertRules[1], labels, AlertEventState.Resolved, started), AlertRules[1], "latency_ms_p95",
                AlertSeverity.Warning, AlertEventState.Resolved, labels, 12, ">", 50, started, started.AddMinutes(10), ModelName),
            ct);
        await sink.AppendAsync(
            new AlertEvent(
                AlertEvent.Fingerprint(AlertRules[0], labels, AlertEventState.Firing, started), AlertRules[0], "dataset_drift_share",
                AlertSeverity.Critical, AlertEventState.Firing, labels, 0.6, ">", 0.5, started, started.AddMinutes(20), ModelName),
            ct);
    }

    /// <summary>The "monitoring" experiment as MonitoringHistory writes it: one run per endpoint, 12 hourly evaluations (step = Unix seconds).</summary>
    private static async Task SeedMonitoringAsync(ITrackingStore store, long now, CancellationToken ct)
    {
        var experiment = await store.GetOrCreateExperimentAsync(MonitoringHistory.Experiment, ct);
        foreach (var endpoint in Endpoints)
        {
            var info = await store.CreateRunAsync(
                experiment, endpoint, "ui-tester", now - (13 * 3_600_000L),
                [new Tag(MonitoringHistory.EndpointTag, endpoint), new Tag(MonitoringHistory.ModelTag, ModelName), new Tag(RunContext.RunNameTag, endpoint)], ct);
            var metrics = new List<Metric>();
            for (var evaluation = 0; evaluation < 12; evaluation++)
            {
                var at = now - ((12 - evaluation) * 3_600_000L);
                var step = at / 1000;
                var share = Math.Min(1, 0.05 * evaluation);
                metrics.Add(new Metric("dataset_drift_share", share, at, step));
                metrics.Add(new Metric("dataset_drift", share > 0.5 ? 1 : 0, at, step));
                metrics.Add(new Metric("feature_drift.age", 0.02 * evaluation, at, step));
                metrics.Add(new Metric("feature_drift.income", 0.3 - (0.01 * evaluation), at, step));
                metrics.Add(new Metric("performance.accuracy", 0.95 - (0.01 * evaluation), at, step));
                metrics.Add(new Metric("rows", 500 + evaluation, at, step));
            }

            await store.LogBatchAsync(info.RunId, metrics, [], [], ct);
        }
    }
}
