using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;
using Gyre.Data.Tables;
using Gyre.Testing;
using Gyre.Monitoring.InferenceLog;
using Gyre.Training.Packaging;

namespace Gyre.Cli.Tests.Monitor;

/// <summary>
/// `gyre monitor` on a model's inference log (--last, --window) and `gyre monitor watch`: records are appended to the
/// workspace's real SQLite log as the server writes them (inputs by the model's signature, outputs as /predict returns
/// them), with ground truth for some of them through the feedback table.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class MonitorLogTests(TrainedWorkspace workspace)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    /// <summary>Registers the first run under a fresh name and logs <paramref name="rows"/> covariate-drifted predictions (one a second, ending now), the first <paramref name="labeled"/> with feedback.</summary>
    /// <param name="versionOf">The model version that scored record i (1-based); default 1.</param>
    private async Task<string> LogDriftedTrafficAsync(int rows, int labeled, Func<int, int>? versionOf = null)
    {
        var name = "fraud-" + Guid.NewGuid().ToString("N")[..8];
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", TrainedWorkspace.RunId(workspace.First));
        var folder = workspace.NewScratchFolder();
        var input = Path.Combine(folder, "traffic.csv");
        var scored = Path.Combine(folder, "scored.csv");
        await workspace.Cli.RunOkAsync("data", "synth", "fraud", "--rows", rows.ToString(CultureInfo.InvariantCulture), "--seed", "11", "--drift", "covariate", "--output", input);
        await workspace.Cli.RunOkAsync("predict", "--model", $"{name}@champion", "--input", input, "--output", scored);

        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var lines = File.ReadAllLines(scored);
        var header = lines[0].Split(',');
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var records = new List<InferenceRecord>();
        var feedback = new List<InferenceFeedback>();
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = header.Zip(lines[i].Split(',')).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            var inputs = new JsonObject();
            foreach (var column in package.Manifest.Inputs)
            {
                inputs[column.Name] = column.Type switch
                {
                    ColumnType.Numeric => JsonValue.Create(double.Parse(fields[column.Name], CultureInfo.InvariantCulture)),
                    ColumnType.Boolean => JsonValue.Create(fields[column.Name] is "1" or "true"),
                    _ => JsonValue.Create(fields[column.Name]),
                };
            }

            var outputs = new JsonObject
            {
                ["prediction"] = fields["predicted_label"],
                ["probability"] = double.Parse(fields["probability"], CultureInfo.InvariantCulture),
            };
            var id = "r" + i.ToString(CultureInfo.InvariantCulture);
            records.Add(new InferenceRecord(id, now - ((lines.Length - i) * 1000L), name, name, versionOf?.Invoke(i) ?? 1, InferenceVariants.Primary, inputs.ToJsonString(), outputs.ToJsonString(), 0.1));
            if (i <= labeled)
            {
                feedback.Add(new InferenceFeedback(name, id, fields[FraudData.Label], now));
            }
        }

        using var output = new StringWriter();
        var store = (IInferenceLogStore)(await Workspace.OpenAsync(workspace.Cli.Environment(output, output), Ct)).Tracking;
        await store.AppendInferencesAsync(records, Ct);
        await store.AppendFeedbackAsync(feedback, Ct);
        return name;
    }

    [Fact]
    public async Task Report_LastRowsOfInferenceLog_DriftAgainstPackageProfileAndPerformanceFromFeedback()
    {
        var name = await LogDriftedTrafficAsync(rows: 600, labeled: 400);

        var report = (await workspace.Cli.RunOkAsync("monitor", "report", "--model", $"{name}@champion", "--last", "500", "--json")).Json();

        Assert.Equal(500, report["current"]!["rows"]!.GetValue<long>());
        var amount = report["drift"]!["columns"]!.AsArray().Single(c => c!["column"]!.GetValue<string>() == "amount")!;
        Assert.True(amount["drifted"]!.GetValue<bool>());
        Assert.Equal(500, amount["result"]!["current_count"]!.GetValue<int>());
        // Rows 101..600 were read; of them 101..400 have labels.
        Assert.Equal(300, report["performance"]!.AsArray().Sum(w => w!["labeled_rows"]!.GetValue<int>()));
        Assert.Equal(500, report["performance"]!.AsArray().Sum(w => w!["rows"]!.GetValue<int>()));
        var label = report["drift"]!["columns"]!.AsArray().Single(c => c!["column"]!.GetValue<string>() == FraudData.Label)!;
        Assert.Equal(300, label["result"]!["current_count"]!.GetValue<int>());
        Assert.DoesNotContain(report["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Job_ModelVersion_ReadsOnlyTheRecordsThatVersionScored()
    {
        // After a hot swap the server monitors the version it serves now: records 1..200 by version 1, 201..300 by version 2.
        var name = await LogDriftedTrafficAsync(rows: 300, labeled: 0, versionOf: i => i <= 200 ? 1 : 2);
        using var output = new StringWriter();
        var store = await Workspace.OpenAsync(workspace.Cli.Environment(output, output), Ct);
        var job = new Gyre.Pipelines.Monitoring.MonitorJob(Gyre.Cli.Commands.ModelsCommands.Loader(store), (IInferenceLogStore)store.Tracking);
        async Task<long> RowsAsync(int? version) => (await job.RunAsync(
            new Gyre.Pipelines.Monitoring.MonitorRequest { Model = $"{name}@champion", Endpoint = name, Window = TimeSpan.FromHours(1), ModelVersion = version }, null, Ct)).Current.Rows;

        Assert.Equal((300L, 200L, 100L), (await RowsAsync(null), await RowsAsync(1), await RowsAsync(2)));
    }

    [Fact]
    public async Task Status_WindowOfInferenceLog_ReadsOnlyTheWindow()
    {
        var name = await LogDriftedTrafficAsync(rows: 300, labeled: 0);

        var all = (await workspace.Cli.RunOkAsync("monitor", "status", "--model", $"{name}@champion", "--window", "1h", "--json")).Json();
        var recent = (await workspace.Cli.RunOkAsync("monitor", "status", "--model", $"{name}@champion", "--window", "60s", "--json")).Json();
        var empty = (await workspace.Cli.RunOkAsync("monitor", "status", "--model", $"{name}@champion", "--window", "1h", "--endpoint", "nobody", "--json")).Json();

        Assert.Equal(300, all["current"]!["rows"]!.GetValue<long>());
        // One record a second ending when the test logged them: a 60 s window read a little later holds at most 60.
        Assert.InRange(recent["current"]!["rows"]!.GetValue<long>(), 1, 60);
        Assert.Equal(0, empty["current"]!["rows"]!.GetValue<long>());
        Assert.False(empty["drift"]!["dataset_drifted"]!.GetValue<bool>());
        Assert.Null(empty["drift"]!["share"]);
        // One warning for the empty window, not one per untested column.
        Assert.Contains("no rows", Assert.Single(empty["warnings"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_RuleHolds_FiresOnceToEventsAndWebhookAndNotAgainOnTheNextCycle()
    {
        var name = await LogDriftedTrafficAsync(rows: 300, labeled: 0);
        var folder = workspace.NewScratchFolder();
        using var hook = new LoopbackWebhookServer();
        var rules = Path.Combine(folder, "alerts.yaml");
        await File.WriteAllTextAsync(rules, $$"""
            webhooks:
              - name: ops
                url: {{hook.Url}}
            rules:
              - name: amount-drift
                metric: feature_drift
                labels: {feature: amount}
                op: ">="
                threshold: 1
                window: 1h
                severity: critical
                notify: [ops]
              - name: never
                metric: rows
                op: "<"
                threshold: 0
                window: 1h
            """, Ct);
        var events = Path.Combine(folder, "events.jsonl");
        string[] watch = ["monitor", "watch", "--model", $"{name}@champion", "--window", "1h", "--rules", rules, "--once", "--events", events, "--state", Path.Combine(folder, "state.json"), "--json"];

        var first = (await workspace.Cli.RunOkAsync(watch)).Json();
        var second = (await workspace.Cli.RunOkAsync(watch)).Json();

        var fired = Assert.Single(first["events"]!.AsArray())!;
        Assert.Equal("amount-drift", fired["rule"]!.GetValue<string>());
        Assert.Equal("amount", fired["labels"]!["feature"]!.GetValue<string>());
        Assert.Equal("firing", fired["state"]!.GetValue<string>());
        Assert.Empty(second["events"]!.AsArray());
        var lines = await File.ReadAllLinesAsync(events, Ct);
        var recorded = JsonNode.Parse(Assert.Single(lines))!;
        Assert.Equal(fired["id"]!.GetValue<string>(), recorded["id"]!.GetValue<string>());
        var delivery = JsonNode.Parse(Assert.Single(hook.Received).Body)!;
        Assert.Contains("amount-drift", delivery.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_BadRulesFile_ExitsTwoNamingTheLine()
    {
        var folder = workspace.NewScratchFolder();
        var rules = Path.Combine(folder, "alerts.yaml");
        await File.WriteAllTextAsync(rules, "rules:\n  - name: x\n    metric: accuracy_please\n    op: '>'\n    threshold: 1\n", Ct);

        var result = await workspace.Cli.RunAsync("monitor", "watch", "--model", "m@champion", "--window", "1h", "--rules", rules, "--once");

        result.AssertExit(ExitCodes.Usage);
        Assert.Matches(@"alerts\.yaml:3:\d+: field 'rules\[0\].*metric'", result.Error);
    }
}
