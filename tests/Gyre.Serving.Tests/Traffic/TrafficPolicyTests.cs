using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Gyre.Monitoring.InferenceLog;
using Gyre.Serving.Models;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Traffic;

public sealed partial class TrafficPolicyTests(ServingModels models)
{
    [Fact]
    public async Task Canary_ManyRequests_SplitNearWeightAndResponseNamesVersion()
    {
        const int requests = 600;
        const double weight = 0.3;
        var ct = TestContext.Current.CancellationToken;
        var log = new MemoryInferenceLog();
        var spec = RunningServer.Registered("fraud", "fraud@champion") with { Canary = ModelLocator.Registered("fraud@challenger"), CanaryWeight = weight };
        await using var server = await RunningServer.StartAsync(models, options => options with { InferenceLog = log }, spec);
        var a = await ModelPackage.LoadAsync(models.FraudA, ct);
        var b = await ModelPackage.LoadAsync(models.FraudB, ct);
        var row = models.FraudRows[7];
        var body = Requests.Features(a.Manifest.Inputs, row).ToJsonString();
        var versions = new ConcurrentBag<(string Version, double Probability)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (_, _) =>
        {
            var (status, json, _) = await server.PostAsync("predict/fraud", body);
            Assert.Equal(200, status);
            versions.Add((json!["model_version"]!.GetValue<string>(), json["probability"]!.GetValue<double>()));
        });

        // 0.3 ± 5 standard deviations of a binomial share over 600 requests (sd ≈ 0.0187): fails by chance with p < 1e-6.
        var share = versions.Count(v => v.Version == "2") / (double)requests;
        Assert.InRange(share, weight - 0.094, weight + 0.094);
        var expectedA = Requests.Expected(a, row).Probability!.Value;
        var expectedB = Requests.Expected(b, row).Probability!.Value;
        Assert.All(versions, v => Assert.Equal(v.Version == "2" ? expectedB : expectedA, v.Probability, 12));
        var records = await log.WaitForCountAsync(requests, ct);
        Assert.Equal(requests, records.Count);
        Assert.All(records, r => Assert.Equal(r.ModelVersion == 2 ? InferenceVariants.Canary : InferenceVariants.Primary, r.Variant));
    }

    [Fact]
    public async Task Shadow_Working_LogsShadowResultsButNeverReturnsThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = new MemoryInferenceLog();
        var spec = RunningServer.Registered("fraud", "fraud@champion") with { Shadow = ModelLocator.Registered("fraud@challenger") };
        await using var server = await RunningServer.StartAsync(models, options => options with { InferenceLog = log }, spec);
        var a = await ModelPackage.LoadAsync(models.FraudA, ct);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var (status, json, _) = await server.PostAsync("predict/fraud", Requests.Features(a.Manifest.Inputs, models.FraudRows[i]).ToJsonString());
            Assert.Equal(200, status);
            Assert.Equal("1", json!["model_version"]!.GetValue<string>());
            ids.Add(json["request_id"]!.GetValue<string>());
        }

        while (log.Records.Count(r => r.Variant == InferenceVariants.Shadow) < ids.Count)
        {
            await Task.Delay(10, ct);
        }

        var shadows = log.Records.Where(r => r.Variant == InferenceVariants.Shadow).ToList();
        Assert.Equal(ids.Order(), shadows.Select(s => s.RequestId).Order());
        Assert.All(shadows, s => Assert.Equal(2, s.ModelVersion));
        Assert.Contains("gyre_shadow_requests_total{endpoint=\"fraud\",outcome=\"scored\"} 20", await server.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shadow_AlwaysFailing_NeverAffectsResponsesAndIsCounted()
    {
        const int requests = 40;
        var ct = TestContext.Current.CancellationToken;
        var log = new MemoryInferenceLog();

        // The 'extra' model needs a field requests never carry, so every shadow scoring fails.
        var spec = RunningServer.Registered("fraud", "fraud@champion") with { Shadow = ModelLocator.Registered("extra@champion") };
        await using var server = await RunningServer.StartAsync(models, options => options with { InferenceLog = log }, spec);
        var a = await ModelPackage.LoadAsync(models.FraudA, ct);
        for (var i = 0; i < requests; i++)
        {
            var row = models.FraudRows[i];
            var (status, json, _) = await server.PostAsync("predict/fraud", Requests.Features(a.Manifest.Inputs, row).ToJsonString());
            Assert.Equal(200, status);
            Assert.Equal(Requests.Expected(a, row).Probability!.Value, json!["probability"]!.GetValue<double>(), 12);
        }

        while (ShadowFailures(await server.MetricsAsync()) < requests)
        {
            await Task.Delay(10, ct);
        }

        Assert.DoesNotContain(log.Records, r => r.Variant == InferenceVariants.Shadow);
        Assert.Equal(requests, log.Records.Count);
        Assert.Contains("extra_signal", server.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MicroBatching_ConcurrentSingleRows_EveryRowScoredOnceAndCorrectly()
    {
        const int requests = 400;
        var ct = TestContext.Current.CancellationToken;
        var spec = RunningServer.Registered("fraud", "fraud@champion") with { MaxBatchSize = 8, MaxBatchWait = TimeSpan.FromMilliseconds(2) };
        await using var server = await RunningServer.StartAsync(models, spec);
        var a = await ModelPackage.LoadAsync(models.FraudA, ct);

        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, _) =>
        {
            var row = models.FraudRows[i % models.FraudRows.Count];
            var (status, json, _) = await server.PostAsync("predict/fraud", Requests.Features(a.Manifest.Inputs, row).ToJsonString());
            Assert.Equal(200, status);
            Assert.Equal(Requests.Expected(a, row).Probability!.Value, json!["probability"]!.GetValue<double>(), 12);
        });

        var metrics = await server.MetricsAsync();
        Assert.Contains($"gyre_inference_batch_size_sum{{endpoint=\"fraud\",version=\"1\"}} {requests}", metrics, StringComparison.Ordinal);
    }

    private static int ShadowFailures(string metrics) =>
        FailedPattern().Match(metrics) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("gyre_shadow_requests_total\\{endpoint=\"fraud\",outcome=\"failed\"\\} (\\d+)")]
    private static partial Regex FailedPattern();
}
