using System.Text.Json.Nodes;
using Gyre.Cli;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Cli;

/// <summary>`gyre serve` run in-process as a user would, stopped the way Ctrl+C stops it (cancellation).</summary>
public sealed class ServeCommandTests(ServingModels models)
{
    [Fact]
    public async Task Serve_RegisteredModelAndPackage_ServesBothUntilCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var package = await ModelPackage.LoadAsync(models.FraudA, ct);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = models.Home };
        var environment = new CliEnvironment(TextWriter.Synchronized(output), TextWriter.Synchronized(error), models.Home, variables, Interactive: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = GyreCli.RunAsync(
            ["serve", "--model", "fraud@champion", "--package", models.Iris, "--name", "flowers", "--port", "0", "--log-sample-rate", "1", "--json"], environment, stop.Token);

        JsonNode? ready = null;
        while (ready is null)
        {
            Assert.False(run.IsCompleted, $"gyre serve exited early: {error}");
            var text = output.ToString();
            ready = text.Contains('\n', StringComparison.Ordinal) ? JsonNode.Parse(text.Split('\n')[0]) : null;
            await Task.Delay(20, ct);
        }

        using var client = new HttpClient { BaseAddress = new Uri(ready["address"]!.GetValue<string>()) };
        var body = Requests.Features(package.Manifest.Inputs, models.FraudRows[0]).ToJsonString();
        using var fraud = await client.PostAsync("predict/fraud", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
        using var flowers = await client.GetAsync("v2/models/flowers/ready", ct);
        var requestId = fraud.Headers.GetValues("X-Request-Id").Single();
        using var feedback = await client.PostAsync(
            "v2/models/fraud/feedback", new StringContent($$"""{"request_id": "{{requestId}}", "label": "1"}""", System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.Equal(200, (int)feedback.StatusCode);

        // The prediction reaches the workspace's inference log through the background writer, joined with its label.
        Monitoring.InferenceLog.LoggedInference? logged = null;
        while (logged is null)
        {
            var page = await models.Store.SearchInferencesAsync(new Monitoring.InferenceLog.InferenceQuery("fraud"), 1000, null, ct);
            logged = page.Items.FirstOrDefault(i => i.Record.RequestId == requestId);
            await Task.Delay(20, ct);
        }

        await stop.CancelAsync();
        var exit = await run;

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["fraud", "flowers"], ready["endpoints"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal("1", ready["endpoints"]![0]!["version"]!.GetValue<string>());
        Assert.Equal(200, (int)fraud.StatusCode);
        Assert.Equal(Requests.Expected(package, models.FraudRows[0]).Probability!.Value, JsonNode.Parse(await fraud.Content.ReadAsStringAsync(ct))!["probability"]!.GetValue<double>(), 12);
        Assert.Equal(200, (int)flowers.StatusCode);
        Assert.Equal(1, logged.Record.ModelVersion);
        Assert.Equal("\"1\"", logged.LabelJson);
    }

    [Fact]
    public async Task Serve_MonitorIntervalAndAlertRules_PublishesGaugesAndRecordsFiredAlerts()
    {
        var ct = TestContext.Current.CancellationToken;
        var rule = "served-rows-" + Guid.NewGuid().ToString("N")[..8];
        var rules = Path.Combine(models.Home, rule + ".yaml");
        await File.WriteAllTextAsync(rules, $"rules:\n  - name: {rule}\n    metric: rows\n    op: \">=\"\n    threshold: 0\n", ct);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = models.Home };
        var environment = new CliEnvironment(TextWriter.Synchronized(output), TextWriter.Synchronized(error), models.Home, variables, Interactive: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = GyreCli.RunAsync(
            ["serve", "--model", "iris@champion", "--port", "0", "--monitor-interval", "1s", "--monitor-window", "1h", "--alert-rules", rules, "--json"], environment, stop.Token);
        JsonNode? ready = null;
        while (ready is null)
        {
            Assert.False(run.IsCompleted, $"gyre serve exited early: {error}");
            var text = output.ToString();
            ready = text.Contains('\n', StringComparison.Ordinal) ? JsonNode.Parse(text.Split('\n')[0]) : null;
            await Task.Delay(20, ct);
        }

        using var client = new HttpClient { BaseAddress = new Uri(ready["address"]!.GetValue<string>()) };
        string metrics;
        do
        {
            Assert.False(run.IsCompleted, $"gyre serve exited early: {error}");
            await Task.Delay(100, ct);
            metrics = await client.GetStringAsync("metrics", ct);
        }
        while (!metrics.Contains("gyre_monitoring_last_evaluation_timestamp_seconds{endpoint=\"iris\"}", StringComparison.Ordinal));

        // The alert is recorded in the events file, then told on the server's log: wait for both before stopping.
        var events = Path.Combine(models.Home, "events", "alerts.jsonl");
        while (!(await ReadWhenUnlockedAsync(events, ct)).Contains(rule, StringComparison.Ordinal)
            || !error.ToString().Contains($"alert {rule} firing on endpoint 'iris'", StringComparison.Ordinal))
        {
            Assert.False(run.IsCompleted, $"gyre serve exited early: {error}");
            await Task.Delay(100, ct);
        }

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Success, await run);
        Assert.Contains("gyre_monitoring_window_rows{endpoint=\"iris\",side=\"reference\"}", metrics, StringComparison.Ordinal);
        Assert.Contains($"alert {rule} firing on endpoint 'iris'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_CanaryForUnservedModel_FailsNamingIt()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = models.Home };
        var environment = new CliEnvironment(output, error, models.Home, variables, Interactive: false);

        var exit = await GyreCli.RunAsync(["serve", "--model", "fraud@champion", "--canary", "iris@champion", "--port", "0"], environment, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("'iris'", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The file's text, or "" while it is missing or the alert sink holds its exclusive lock (it opens the file
    /// with FileShare.None while appending, so a reader that races it must try again).
    /// </summary>
    private static async Task<string> ReadWhenUnlockedAsync(string path, CancellationToken ct)
    {
        try
        {
            return File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
