using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;
using Gyre.Core;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Running;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>
/// The data.validate, evaluate and promote steps through `gyre pipeline run` on a real SQLite workspace: the closed loop
/// validate → train → evaluate → register → promote, the validation gate, evaluate's metrics, promotion refusals.
/// </summary>
public sealed class StepExecutorTests : IDisposable
{
    /// <summary>A small forest: training takes well under a second on the test files.</summary>
    internal const string TrainSpec = """
        data: fraud.csv
        label: is_fraud
        task: binary
        trainer: fastforest
        hyperparameters: { num_trees: 10, num_leaves: 8 }
        validation: { folds: 0 }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_ValidateTrainEvaluateRegisterPromote_MovesChampionAndAuditNamesThePipeline()
    {
        var cli = _folder.Cli();
        await PrepareAsync(cli);
        await RegisterNoiseChampionAsync(cli);
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "policy.yaml"), "primary_metric: roc_auc\nmin_improvement: 0.05\n");
        Write(cli, """
            name: closed-loop
            steps:
              validate: { kind: data.validate, with: { data: fraud.csv, schema: schema.json } }
              train: { kind: train, with: { spec: train.yaml }, needs: validate }
              evaluate: { kind: evaluate, with: { model: "${steps.train.outputs.model}", data: eval.csv } }
              register: { kind: register, with: { name: fraud, run: "${steps.train.outputs.run_id}", alias: challenger }, needs: evaluate }
              promote: { kind: promote, with: { name: fraud, policy: policy.yaml, eval: eval.csv }, needs: register }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();

        var steps = Steps(json);
        Assert.Equal("true", steps["validate"]["valid"]!.GetValue<string>());
        var report = JsonNode.Parse(File.ReadAllText(steps["validate"]["report"]!.GetValue<string>()))!;
        Assert.Equal(Path.Combine(cli.WorkingDirectory, ".gyre", "pipeline-reports", "validate-validation.json"), steps["validate"]["report"]!.GetValue<string>());
        Assert.True(report["valid"]!.GetValue<bool>());
        Assert.Equal(1500, report["rows_checked"]!.GetValue<long>());
        var metrics = JsonNode.Parse(steps["evaluate"]["metrics"]!.GetValue<string>())!.AsObject();
        Assert.InRange(metrics["roc_auc"]!.GetValue<double>(), 0.75, 1.0);
        Assert.Contains("log_loss", metrics.Select(m => m.Key));
        Assert.Equal("2", steps["register"]["version"]!.GetValue<string>());
        Assert.Equal(("true", "2"), (steps["promote"]["promoted"]!.GetValue<string>(), steps["promote"]["champion"]!.GetValue<string>()));
        var champion = (await cli.RunOkAsync("models", "show", "fraud@champion", "--json")).Json();
        Assert.Equal(2, champion["version"]!["version"]!.GetValue<int>());
        var history = (await cli.RunOkAsync("models", "history", "fraud", "--json")).Json()["entries"]!.AsArray();
        var promote = Assert.Single(history, e => e!["action"]!.GetValue<string>() == "promote");
        // The reason names the pipeline run and the step, so the audit log leads back to tracking.
        Assert.Equal($"pipeline closed-loop run {json["run_id"]!.GetValue<string>()}, step promote", promote!["reason"]!.GetValue<string>());
        Assert.Equal(2, promote["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Run_ValidateOnNonConformingFile_FailsNamingTheFileAndViolationAfterWritingTheReport()
    {
        var cli = _folder.Cli();
        var data = await FraudData.SynthAsync(cli, "fraud.csv", rows: 200);
        await cli.RunOkAsync("data", "schema", "fraud.csv", "-o", "schema.json");
        FraudData.SetField(data, 5, FraudData.ColumnIndex(data, "amount"), "lots");
        Write(cli, """
            name: gate
            steps:
              validate: { kind: data.validate, with: { data: fraud.csv, schema: schema.json, report: out/validation.json } }
              after: { kind: shell, with: { run: "echo should-not-run" }, needs: validate }
            """);

        var result = await cli.RunAsync("pipeline", "run", "p.yaml", "--json");

        result.AssertExit(ExitCodes.Failure);
        var steps = result.Json()["steps"]!.AsArray();
        var error = steps[0]!["error"]!.GetValue<string>();
        Assert.Contains(data, error, StringComparison.Ordinal);
        Assert.Contains("line 5", error, StringComparison.Ordinal);
        Assert.Contains("amount", error, StringComparison.Ordinal);
        Assert.Equal("skipped", steps[1]!["status"]!.GetValue<string>());
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.WorkingDirectory, "out", "validation.json")))!;
        Assert.False(report["valid"]!.GetValue<bool>());
        Assert.Equal(1, report["total_violations"]!.GetValue<long>());
        Assert.Equal(5, report["violations"]![0]!["line"]!.GetValue<long>());
    }

    [Fact]
    public async Task Run_Evaluate_GivesTheMetricsTrainingComputedOnTheSameTestFile()
    {
        var cli = _folder.Cli();
        await PrepareAsync(cli);
        var trained = (await cli.RunOkAsync(
            "train", "--data", "fraud.csv", "--test", "eval.csv", "--label", "is_fraud", "--task", "binary", "--trainer", "fastforest", "--param", "num_trees=10", "--json")).Json();
        Write(cli, $$"""
            name: evaluate
            steps:
              evaluate: { kind: evaluate, with: { model: "{{trained["model_path"]!.GetValue<string>()}}", data: eval.csv } }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();

        var metrics = JsonNode.Parse(Steps(json)["evaluate"]["metrics"]!.GetValue<string>())!.AsObject();
        var expected = trained["metrics"]!.AsObject();
        Assert.Equal(expected.Select(m => m.Key).Order(StringComparer.Ordinal), metrics.Select(m => m.Key));
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value!.GetValue<double>(), metrics[name]!.GetValue<double>(), 1e-12);
        }
    }

    [Fact]
    public async Task Run_EvaluateWithAnotherLabelName_ScoresThatColumnAsTheLabel()
    {
        var cli = _folder.Cli();
        await PrepareAsync(cli);
        var eval = Path.Combine(cli.WorkingDirectory, "eval.csv");
        var lines = File.ReadAllLines(eval);
        lines[0] = lines[0].Replace("is_fraud", "truth", StringComparison.Ordinal);
        File.WriteAllLines(Path.Combine(cli.WorkingDirectory, "renamed.csv"), lines);
        Write(cli, """
            name: evaluate-label
            steps:
              train: { kind: train, with: { spec: train.yaml } }
              same: { kind: evaluate, with: { model: "${steps.train.outputs.model}", data: eval.csv } }
              renamed: { kind: evaluate, with: { model: "${steps.train.outputs.model}", data: renamed.csv, label: truth } }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();

        var steps = Steps(json);
        Assert.Equal(steps["same"]["metrics"]!.GetValue<string>(), steps["renamed"]["metrics"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_PromoteRefused_OutputsFalseAndKeepsChampionButFailsWhenRequired()
    {
        var cli = _folder.Cli();
        await PrepareAsync(cli);
        await RegisterNoiseChampionAsync(cli);
        // An improvement of 1 in roc_auc is impossible: the gate always refuses.
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "policy.yaml"), "primary_metric: roc_auc\nmin_improvement: 1\n");
        Write(cli, """
            name: refused
            params: { required: "false" }
            steps:
              train: { kind: train, with: { spec: train.yaml } }
              register: { kind: register, with: { name: fraud, run: "${steps.train.outputs.run_id}", alias: challenger } }
              promote: { kind: promote, with: { name: fraud, policy: policy.yaml, eval: eval.csv, required: "${params.required}" }, needs: register }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();
        var strict = await cli.RunAsync("pipeline", "run", "p.yaml", "--param", "required=true", "--no-cache", "--json");

        Assert.Equal(("false", "1"), (Steps(json)["promote"]["promoted"]!.GetValue<string>(), Steps(json)["promote"]["champion"]!.GetValue<string>()));
        strict.AssertExit(ExitCodes.Failure);
        var error = strict.Json()["steps"]![2]!["error"]!.GetValue<string>();
        Assert.Contains("refused", error, StringComparison.Ordinal);
        Assert.Contains("roc_auc", error, StringComparison.Ordinal);
        var champion = (await cli.RunOkAsync("models", "show", "fraud@champion", "--json")).Json();
        Assert.Equal(1, champion["version"]!["version"]!.GetValue<int>());
        var history = (await cli.RunOkAsync("models", "history", "fraud", "--json")).Json()["entries"]!.AsArray();
        Assert.Equal(2, history.Count(e => e!["action"]!.GetValue<string>() == "promotion_refused"));
    }

    [Fact]
    public async Task Run_ValidateWithoutSchema_InfersOneAndReportsIt()
    {
        var cli = _folder.Cli();
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 200);
        Write(cli, """
            name: infer
            steps:
              validate: { kind: data.validate, with: { data: fraud.csv } }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();

        var report = JsonNode.Parse(File.ReadAllText(Steps(json)["validate"]["report"]!.GetValue<string>()))!;
        Assert.True(report["valid"]!.GetValue<bool>());
        Assert.Null(report["schema"]);
        Assert.Contains("amount", report["inferred_schema"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_KindWithoutExecutor_IsRefusedBeforeAnythingIsTracked()
    {
        var cli = _folder.Cli();
        Write(cli, """
            name: partial
            steps:
              check: { kind: data.validate, with: { data: x.csv } }
            """);
        var workspace = await Workspace.OpenAsync(cli.Environment(TextWriter.Null, TextWriter.Null), TestContext.Current.CancellationToken);
        var pipeline = await PipelineYaml.ReadFileAsync(Path.Combine(cli.WorkingDirectory, "p.yaml"), TestContext.Current.CancellationToken);
        var runner = new PipelineRunner(workspace.Tracking, workspace.Artifacts, [new ShellStepExecutor()]);

        var error = await Assert.ThrowsAsync<GyreException>(() => runner.RunAsync(pipeline, new Dictionary<string, string>(), null, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidState, error.Kind);
        Assert.Contains("'check' (data.validate, line 3) cannot run yet", error.Message, StringComparison.Ordinal);
        var runs = (await cli.RunOkAsync("runs", "list", "--json")).Json();
        Assert.Empty(runs["runs"]!.AsArray());
    }

    /// <summary>fraud.csv (1,500 rows), eval.csv (800 other rows), schema.json of fraud.csv, and train.yaml (<see cref="TrainSpec"/>).</summary>
    internal static async Task PrepareAsync(CliRunner cli)
    {
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 1500);
        await FraudData.SynthAsync(cli, "eval.csv", rows: 800, seed: 7);
        await cli.RunOkAsync("data", "schema", "fraud.csv", "-o", "schema.json");
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "train.yaml"), TrainSpec);
    }

    /// <summary>
    /// Registers fraud/1 (champion) trained on fraud.csv with its labels shuffled: a model no better than chance, which a
    /// real challenger beats by far.
    /// </summary>
    private static async Task RegisterNoiseChampionAsync(CliRunner cli)
    {
        var lines = File.ReadAllLines(Path.Combine(cli.WorkingDirectory, "fraud.csv"));
        var label = Array.IndexOf(lines[0].Split(','), FraudData.Label);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var labels = rows.Select(r => r[label]).ToArray();
        new Random(3).Shuffle(labels);
        File.WriteAllLines(
            Path.Combine(cli.WorkingDirectory, "noise.csv"),
            [lines[0], .. rows.Select((r, i) => string.Join(',', r.Select((v, j) => j == label ? labels[i] : v)))]);
        var run = (await cli.RunOkAsync("train", "--data", "noise.csv", "--label", "is_fraud", "--task", "binary", "--trainer", "fastforest", "--param", "num_trees=5", "--json")).Json();
        await cli.RunOkAsync("models", "register", "fraud", "--run", run["run_id"]!.GetValue<string>());
    }

    /// <summary>Each step's outputs by step id.</summary>
    internal static Dictionary<string, JsonObject> Steps(JsonNode run) =>
        run["steps"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>(), s => s!["outputs"]!.AsObject());

    internal static void Write(CliRunner cli, string yaml) => File.WriteAllText(Path.Combine(cli.WorkingDirectory, "p.yaml"), yaml);

    internal static double Number(JsonNode node) => double.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
}
