using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Monitoring.InferenceLog;
using Gyre.Server.Api;
using Gyre.Server.Tests.Support;
using Gyre.Tracking;
using Gyre.Tuning;
using Gyre.Tuning.Distributions;

namespace Gyre.Server.Tests.Ui;

/// <summary>The web UI's data routes (<c>/api/2.0/gyre/ui/</c>) on a live SQLite-backed server with real data.</summary>
public sealed class UiApiTests(UiServerFixture fixture) : IClassFixture<UiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetricSeries_ReturnsEveryPoint_OrDownsampledBuckets()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync(await client.CreateExperimentAsync());
        var metrics = Enumerable.Range(0, 10).Select(i => new Metric("loss", 10 - i, 1_000 + i, i)).ToList();
        await fixture.Server.Store.LogBatchAsync(new RunId(runId), metrics, [], [], Ct);

        var all = await Get(client, $"metric-series?run_id={runId}&key=loss");
        var few = await Get(client, $"metric-series?run_id={runId}&key=loss&max_points=2");

        Assert.Equal(["key", "total_points", "downsampled", "points"], ApiResult.Keys(all));
        Assert.Equal(10, all["total_points"]!.GetValue<long>());
        Assert.False(all["downsampled"]!.GetValue<bool>());
        Assert.Equal(["step", "timestamp", "value", "min", "max", "count"], ApiResult.Keys(all["points"]![0]));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)(10 - i)), all["points"]!.AsArray().Select(p => p!["value"]!.GetValue<double>()));
        Assert.True(few["downsampled"]!.GetValue<bool>());
        var buckets = few["points"]!.AsArray();
        Assert.Equal(2, buckets.Count);
        Assert.Equal((0L, 6.0, 6.0, 10.0, 5L, 1_004L), Bucket(buckets[0]!));
        Assert.Equal((5L, 1.0, 1.0, 5.0, 5L, 1_009L), Bucket(buckets[1]!));
    }

    [Fact]
    public async Task MetricSeries_NamesBadParameters_And404sAnUnknownRun()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync(await client.CreateExperimentAsync());

        var missingKey = (await client.GetAsync($"metric-series?run_id={runId}", UiApi.Prefix)).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        var badMax = (await client.GetAsync($"metric-series?run_id={runId}&key=k&max_points=1", UiApi.Prefix)).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        var tooMany = (await client.GetAsync($"metric-series?run_id={runId}&key=k&max_points=10001", UiApi.Prefix)).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await client.GetAsync("metric-series?run_id=ffffffffffffffffffffffffffffffff&key=k", UiApi.Prefix)).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");

        Assert.Contains("'key'", missingKey, StringComparison.Ordinal);
        Assert.Contains("'max_points'", badMax, StringComparison.Ordinal);
        Assert.Contains("'max_points'", tooMany, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricKeys_IsTheUnionOfTheRunsKeys()
    {
        using var client = fixture.Client();
        var experiment = await client.CreateExperimentAsync();
        var a = await client.CreateRunAsync(experiment);
        var b = await client.CreateRunAsync(experiment);
        await fixture.Server.Store.LogBatchAsync(new RunId(a), [new Metric("loss", 1, 1), new Metric("acc", 0.5, 1)], [], [], Ct);
        await fixture.Server.Store.LogBatchAsync(new RunId(b), [new Metric("loss", 2, 1), new Metric("f1", 0.7, 1)], [], [], Ct);

        var keys = await Get(client, $"metric-keys?run_ids={a},{b}");

        Assert.Equal(["acc", "f1", "loss"], keys["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        (await client.GetAsync($"metric-keys?run_ids={a},ffffffffffffffffffffffffffffffff", UiApi.Prefix)).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Contains("'run_ids'", (await client.GetAsync("metric-keys", UiApi.Prefix)).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Artifact_ServesTheRawFileWithItsContentType_AndRefusesBigOnes()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync(await client.CreateExperimentAsync());
        var root = (await client.GetRunAsync(runId))["info"]!["artifact_uri"]!.GetValue<string>()["mlflow-artifacts:/".Length..];
        await Write(root + "/eval/metrics.json", "{\"acc\":0.9}"u8.ToArray());
        await Write(root + "/plot.png", [0x89, 0x50, 0x4E, 0x47]);
        await Write(root + "/big.bin", new byte[(5 * 1024 * 1024) + 1]);

        var json = await client.GetAsync($"artifact?run_id={runId}&path=eval/metrics.json", UiApi.Prefix);
        var png = await client.GetAsync($"artifact?run_id={runId}&path=plot.png", UiApi.Prefix);
        var big = await client.GetAsync($"artifact?run_id={runId}&path=big.bin", UiApi.Prefix);
        var missing = await client.GetAsync($"artifact?run_id={runId}&path=nope.txt", UiApi.Prefix);

        json.AssertOk();
        Assert.Equal("application/json", json.ContentType);
        Assert.Equal("{\"acc\":0.9}", json.Body);
        Assert.Equal("image/png", png.ContentType);
        Assert.Contains("5 MB", big.AssertError(HttpStatusCode.RequestEntityTooLarge, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("'path'", (await client.GetAsync($"artifact?run_id={runId}", UiApi.Prefix)).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Studies_ListAndReport()
    {
        using var client = fixture.Client();
        var storage = (IStudyStorage)fixture.Server.Store;
        var name = "ui-study-" + Guid.NewGuid().ToString("N");
        var study = await storage.CreateStudyAsync(name, StudyDirection.Minimize, Ct);
        foreach (var (x, value) in new[] { (0.5, 3.0), (0.1, 1.0), (0.9, 2.0) })
        {
            var number = await storage.CreateTrialAsync(study, Ct);
            await storage.SetParamAsync(study, number, "x", new FloatDistribution(0, 1), x, Ct);
            await storage.FinishTrialAsync(study, number, TrialState.Complete, value, null, Ct);
        }

        var failed = await storage.CreateTrialAsync(study, Ct);
        await storage.FinishTrialAsync(study, failed, TrialState.Fail, null, "boom", Ct);

        var list = await Get(client, "studies");
        var row = list["studies"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!;
        var report = await Get(client, $"study?name={name}");

        Assert.Equal(("minimize", 4, 3, 0, 1, 1.0, 1), (row["direction"]!.GetValue<string>(), row["trials"]!.GetValue<int>(), row["complete"]!.GetValue<int>(),
            row["pruned"]!.GetValue<int>(), row["failed"]!.GetValue<int>(), row["best_value"]!.GetValue<double>(), row["best_trial"]!.GetValue<int>()));
        Assert.Equal(name, report["study"]!["name"]!.GetValue<string>());
        Assert.Equal(1, report["best_trial"]!["number"]!.GetValue<int>());
        Assert.Equal(4, report["trials"]!.AsArray().Count);
        Assert.Equal(0.1, report["trials"]![1]!["params"]!["x"]!.GetValue<double>());
        Assert.NotEmpty(report["history"]!.AsArray());
        Assert.Contains("importances", ApiResult.Keys(report));
        (await client.GetAsync("study?name=no-such-study", UiApi.Prefix)).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Deployments_AggregateTheWindowPerVariant()
    {
        using var client = fixture.Client();
        var endpoint = "ep-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var records = new List<InferenceRecord>();
        for (var i = 1; i <= 100; i++)
        {
            records.Add(new InferenceRecord($"p{i}", now - (i * 1000), endpoint, "churn", 2, InferenceVariants.Primary, "{}", "{}", i));
        }

        for (var i = 1; i <= 20; i++)
        {
            records.Add(new InferenceRecord($"c{i}", now - (i * 1000), endpoint, "churn", 3, InferenceVariants.Canary, "{}", "{}", 1000 + i));
        }

        records.Add(new InferenceRecord("old", now - (60 * 60 * 1000), endpoint, "churn", 1, InferenceVariants.Primary, "{}", "{}", 5));
        await ((IInferenceLogStore)fixture.Server.Store).AppendInferencesAsync(records, Ct);

        var answer = await Get(client, "deployments?minutes=10");
        var entry = answer["endpoints"]!.AsArray().Single(e => e!["endpoint"]!.GetValue<string>() == endpoint)!;
        var variants = entry["variants"]!.AsArray();

        Assert.Equal(10, answer["window_minutes"]!.GetValue<int>());
        Assert.Equal("churn", entry["model"]!.GetValue<string>());
        Assert.Equal([2, 3], variants.Select(v => v!["version"]!.GetValue<int>()));
        var primary = variants[0]!;
        Assert.Equal(("primary", 100L, 100.0 / 120, 100 / 600.0, 50.0, 95.0, now - 1000),
            (primary["variant"]!.GetValue<string>(), primary["requests"]!.GetValue<long>(), primary["share"]!.GetValue<double>(),
            primary["rate_per_second"]!.GetValue<double>(), primary["latency_ms_p50"]!.GetValue<double>(), primary["latency_ms_p95"]!.GetValue<double>(),
            primary["last_seen"]!.GetValue<long>()));
        Assert.Equal((20L, 1010.0, 1019.0), (variants[1]!["requests"]!.GetValue<long>(), variants[1]!["latency_ms_p50"]!.GetValue<double>(), variants[1]!["latency_ms_p95"]!.GetValue<double>()));
        Assert.Contains("'minutes'", (await client.GetAsync("deployments?minutes=0", UiApi.Prefix)).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_AreReadNewestFirstFromTheEventsFile()
    {
        using var client = fixture.Client();
        var empty = await Get(client, "alerts");
        var sink = new JsonlAlertEventSink(fixture.AlertEventsPath);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await sink.AppendAsync(Alert("drift", AlertEventState.Firing, start), Ct);
        await sink.AppendAsync(Alert("drift", AlertEventState.Resolved, start.AddMinutes(5)), Ct);
        await sink.AppendAsync(Alert("latency", AlertEventState.Firing, start.AddMinutes(2)), Ct);

        var all = await Get(client, "alerts");
        var one = await Get(client, "alerts?limit=1");

        Assert.Empty(empty["alerts"]!.AsArray());
        Assert.Equal(["drift/resolved", "latency/firing", "drift/firing"], all["alerts"]!.AsArray().Select(a => $"{a!["rule"]}/{a["state"]}"));
        Assert.Equal(0.42, all["alerts"]![0]!["value"]!.GetValue<double>());
        Assert.Single(one["alerts"]!.AsArray());
    }

    [Fact]
    public async Task Monitoring_ListsTheMonitoringExperimentsRuns()
    {
        using var client = fixture.Client();
        var store = fixture.Server.Store;
        var experiment = (await store.FindExperimentByNameAsync("monitoring", Ct))?.Id
            ?? await store.CreateExperimentAsync("monitoring", null, null, Ct);
        var run = await store.CreateRunAsync(experiment, "churn-endpoint", "u", 1_000, [new Tag("gyre.monitoring.endpoint", "churn"), new Tag("gyre.monitoring.model", "churn@champion")], Ct);
        await store.LogBatchAsync(run.RunId, [new Metric("dataset_drift_share", 0.1, 5_000, 1), new Metric("dataset_drift_share", 0.3, 9_000, 2), new Metric("rows", 100, 7_000, 2)], [], [], Ct);

        var answer = await Get(client, "monitoring");
        var entry = answer["endpoints"]!.AsArray().Single(e => e!["run_id"]!.GetValue<string>() == run.RunId.Value)!;

        Assert.Equal(["endpoint", "model", "run_id", "last_evaluated"], ApiResult.Keys(entry));
        Assert.Equal(("churn", "churn@champion", 9_000L), (entry["endpoint"]!.GetValue<string>(), entry["model"]!.GetValue<string>(), entry["last_evaluated"]!.GetValue<long>()));
    }

    private static AlertEvent Alert(string rule, AlertEventState state, DateTimeOffset at) =>
        new("id-" + rule + state, rule, "m", AlertSeverity.Warning, state, new Dictionary<string, string> { ["endpoint"] = "churn" }, 0.42, ">", 0.3, at, at, null);

    private static (long Step, double Value, double Min, double Max, long Count, long Timestamp) Bucket(JsonNode point) =>
        (point["step"]!.GetValue<long>(), point["value"]!.GetValue<double>(), point["min"]!.GetValue<double>(), point["max"]!.GetValue<double>(),
        point["count"]!.GetValue<long>(), point["timestamp"]!.GetValue<long>());

    private static async Task<JsonNode> Get(MlflowHttp client, string pathAndQuery)
    {
        var result = await client.GetAsync(pathAndQuery, UiApi.Prefix);
        result.AssertOk();
        return result.Json;
    }

    private Task Write(string path, byte[] content) => fixture.Server.Artifacts.WriteAsync(path, new MemoryStream(content), Ct);
}
