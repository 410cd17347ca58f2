using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.Data.Synthetic;
using Gyre.Monitoring.InferenceLog;
using Gyre.Pipelines.Monitoring;
using Gyre.Pipelines.Registry;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Hosting;
using Gyre.Serving.InferenceLogging;
using Gyre.Serving.Models;
using Gyre.Serving.Tests.Support;
using Gyre.Testing;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Hosting;

/// <summary>
/// Monitoring inside the model server: drifted requests through /predict, logged by the real writer into the real
/// SQLite log; one evaluation compares them with the package's training profile and publishes the gauges that the
/// shipped Prometheus rules and Grafana dashboard read.
/// </summary>
public sealed partial class ServingMonitorTests(ServingModels models)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static string DeployFile(params string[] parts) => Path.Combine([ServingModels.RepositoryRoot(), "deploy", .. parts]);

    /// <summary>Serves fraud@champion as a fresh endpoint, posts <paramref name="rows"/> covariate-drifted requests (all logged), evaluates once; returns /metrics.</summary>
    private async Task<(string Endpoint, string Metrics)> ServeDriftedTrafficAndEvaluateAsync(int rows)
    {
        var endpoint = "monitored-" + Guid.NewGuid().ToString("N")[..8];
        var package = await ModelPackage.LoadAsync(models.FraudA, Ct);
        using var folder = new TemporaryFolder();
        var data = folder.Combine("traffic.csv");
        await FraudTransactionGenerator.WriteCsvAsync(data, rows, 3, FraudDrift.Covariate, Ct);
        var lines = await File.ReadAllLinesAsync(data, Ct);
        var header = lines[0].Split(',');
        var spec = new EndpointSpec(endpoint, ModelLocator.Registered("fraud@champion")) { LogSampleRate = 1.0 };
        await using (var writer = new InferenceLogWriter(models.Store))
        {
            await using var server = await RunningServer.StartAsync(models, options => options with { InferenceLog = new WriterInferenceLogSink(writer) }, spec);
            foreach (var line in lines.Skip(1))
            {
                var row = header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second);
                var (status, _, _) = await server.PostAsync($"predict/{endpoint}", Requests.Features(package.Manifest.Inputs, row).ToJsonString());
                Assert.Equal(200, status);
            }
        }

        // The writer is disposed (flushed): the log holds every request. A new server evaluates and serves /metrics.
        await using var monitored = await RunningServer.StartAsync(models, spec);
        var job = new MonitorJob(new RegisteredModelLoader(models.Store, models.Store, models.Artifacts), models.Store);
        await using var monitor = new ServingMonitor([spec], job, monitored.Server.Metrics.Monitoring, new ServingMonitorOptions(TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
        var reports = await monitor.EvaluateOnceAsync(Ct);
        Assert.Equal(endpoint, Assert.Single(reports).Endpoint);
        return (endpoint, await monitored.MetricsAsync());
    }

    private static double Sample(string metrics, string name, params (string Key, string Value)[] labels)
    {
        foreach (var line in metrics.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal)))
        {
            if (labels.All(l => line.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail($"No sample {name} with {string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"))} in /metrics.");
        return double.NaN;
    }

    [Fact]
    public async Task EvaluateOnce_DriftedTraffic_PublishesDriftRowsAndStalenessGauges()
    {
        var (endpoint, metrics) = await ServeDriftedTrafficAndEvaluateAsync(rows: 250);

        Assert.Equal(1, Sample(metrics, "gyre_feature_drift_detected", ("endpoint", endpoint), ("feature", "amount")));
        Assert.True(Sample(metrics, "gyre_feature_drift_score", ("endpoint", endpoint), ("feature", "amount")) >= Sample(metrics, "gyre_feature_drift_threshold", ("endpoint", endpoint), ("feature", "amount")));
        Assert.Equal(0, Sample(metrics, "gyre_feature_drift_detected", ("endpoint", endpoint), ("feature", "day_of_week")));
        Assert.Equal(250, Sample(metrics, "gyre_monitoring_window_rows", ("endpoint", endpoint), ("side", "current")));
        Assert.Equal(1500, Sample(metrics, "gyre_monitoring_window_rows", ("endpoint", endpoint), ("side", "reference")));
        Assert.InRange(Sample(metrics, "gyre_dataset_drift_share_ratio", ("endpoint", endpoint)), 0.05, 1);
        Assert.InRange(Sample(metrics, "gyre_monitoring_staleness_seconds", ("endpoint", endpoint)), 0, 600);
        var evaluated = Sample(metrics, "gyre_monitoring_last_evaluation_timestamp_seconds", ("endpoint", endpoint));
        Assert.InRange(evaluated, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.DoesNotContain("NaN", metrics.Split('\n').Where(l => l.StartsWith("gyre_feature_drift", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DeployFiles_EveryGyreMetricTheyQuery_IsExposedAfterAnEvaluation()
    {
        var (_, metrics) = await ServeDriftedTrafficAndEvaluateAsync(rows: 60);
        var exposed = MetricName().Matches(metrics).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(DeployFile("grafana", "gyre-monitoring.json"), Ct))!;
        var expressions = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray().Select(t => t!["expr"]!.GetValue<string>()))
            .Append(await File.ReadAllTextAsync(DeployFile("prometheus", "gyre-alerts.yml"), Ct));

        var queried = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("gyre_feature_drift_detected", queried);
        Assert.Contains("gyre_model_performance", queried);
        // Performance and fairness series need labels and attributes this traffic has not; their gauges are still declared.
        Assert.All(queried, name => Assert.True(exposed.Contains(name) || metrics.Contains($"# TYPE {name} ", StringComparison.Ordinal), $"{name} is queried but not exposed"));
    }

    [Fact]
    public async Task AlertRules_PromtoolUnitTests_Pass()
    {
        const string promtool = "/usr/bin/promtool";
        Assert.SkipUnless(File.Exists(promtool), $"{promtool} is not installed (apt-get install prometheus).");
        using var process = Process.Start(new ProcessStartInfo(promtool)
        {
            ArgumentList = { "test", "rules", "gyre-alerts.test.yml" },
            WorkingDirectory = DeployFile("prometheus"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct) + await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"gyre_[a-z_]+?(?=_bucket\b|\{|\s|\)|\[|$)")]
    private static partial Regex MetricName();
}
