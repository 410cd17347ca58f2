using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>The tune, monitor.report and deploy steps through `gyre pipeline run` on a real SQLite workspace.</summary>
public sealed class StepExecutorOperationsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_MonitorReportOnDriftedData_SaysDriftedAndWritesTheHtml()
    {
        var cli = _folder.Cli();
        await StepExecutorTests.PrepareAsync(cli);
        await cli.RunOkAsync("data", "synth", "fraud", "--rows", "1500", "--seed", "9", "--drift", "covariate", "--output", "drifted.csv");
        // The generator's covariate drift moves about a third of the columns: past a 0.3 share, not the default 0.5.
        StepExecutorTests.Write(cli, """
            name: watch
            steps:
              train: { kind: train, with: { spec: train.yaml } }
              stable: { kind: monitor.report, with: { model: "${steps.train.outputs.model}", current: eval.csv, drift_share: "0.3" } }
              drifted: { kind: monitor.report, with: { model: "${steps.train.outputs.model}", current: drifted.csv, html: reports/drift.html, drift_share: "0.3" } }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();

        var steps = StepExecutorTests.Steps(json);
        Assert.Equal("false", steps["stable"]["drifted"]!.GetValue<string>());
        Assert.Equal(Path.Combine(cli.WorkingDirectory, "stable-monitoring.html"), steps["stable"]["report"]!.GetValue<string>());
        Assert.Equal("true", steps["drifted"]["drifted"]!.GetValue<string>());
        var html = steps["drifted"]["report"]!.GetValue<string>();
        Assert.Equal(Path.Combine(cli.WorkingDirectory, "reports", "drift.html"), html);
        var text = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("amount", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DeployDocker_WritesTheDockerfileAndPackageAndRefusesToOverwriteWithoutForce()
    {
        var cli = _folder.Cli();
        await StepExecutorTests.PrepareAsync(cli);
        StepExecutorTests.Write(cli, """
            name: ship
            params: { force: "false" }
            steps:
              train: { kind: train, with: { spec: train.yaml } }
              register: { kind: register, with: { name: fraud, run: "${steps.train.outputs.run_id}" } }
              deploy: { kind: deploy, with: { model: "fraud@champion", target: docker, out: deploy/docker, force: "${params.force}" }, needs: register }
              k8s: { kind: deploy, with: { model: "${steps.train.outputs.model}", target: k8s, out: deploy/k8s, force: "${params.force}" } }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();
        var again = await cli.RunAsync("pipeline", "run", "p.yaml", "--json");
        var forced = await cli.RunAsync("pipeline", "run", "p.yaml", "--param", "force=true", "--json");

        var folder = StepExecutorTests.Steps(json)["deploy"]["path"]!.GetValue<string>();
        Assert.Equal(Path.Combine(cli.WorkingDirectory, "deploy", "docker"), folder);
        var dockerfile = File.ReadAllText(Path.Combine(folder, "Dockerfile"));
        Assert.Contains("gyre-model-fraud", File.ReadAllText(Path.Combine(folder, "README.md")), StringComparison.Ordinal);
        Assert.Contains("FROM", dockerfile, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "model", "manifest.json")));
        Assert.NotEmpty(Directory.GetFiles(StepExecutorTests.Steps(json)["k8s"]["path"]!.GetValue<string>(), "*.yaml"));
        again.AssertExit(ExitCodes.Failure);
        Assert.Contains("not empty", again.Json()["steps"]![3]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        forced.AssertExit(ExitCodes.Success);
        Assert.True(File.Exists(Path.Combine(folder, "Dockerfile")));
    }

    [Fact]
    public async Task Run_TuneThreeTrials_OutputsTheStudyAndABestModelAFollowingEvaluateScores()
    {
        var cli = _folder.Cli();
        await StepExecutorTests.PrepareAsync(cli);
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "tune.yaml"), """
            data: fraud.csv
            label: is_fraud
            task: binary
            trainer: fastforest
            metric: roc_auc
            validation: {kind: holdout, test_fraction: 0.25}
            trials: 30
            seed: 7
            search_space:
              num_trees: {type: int, low: 3, high: 8}
              num_leaves: {type: int, low: 4, high: 16}
            """);
        StepExecutorTests.Write(cli, """
            name: search
            steps:
              tune: { kind: tune, with: { spec: tune.yaml, trials: "3", study: pipeline-study } }
              evaluate: { kind: evaluate, with: { model: "${steps.tune.outputs.model}", data: eval.csv } }
              register: { kind: register, with: { name: tuned, run: "${steps.tune.outputs.run_id}" } }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();

        var steps = StepExecutorTests.Steps(json);
        Assert.Equal("pipeline-study", steps["tune"]["study"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(steps["tune"]["model"]!.GetValue<string>(), "manifest.json")));
        var metrics = JsonNode.Parse(steps["evaluate"]["metrics"]!.GetValue<string>())!;
        Assert.InRange(metrics["roc_auc"]!.GetValue<double>(), 0.6, 1.0);
        var study = (await cli.RunOkAsync("study", "report", "pipeline-study", "--json")).Json();
        Assert.Equal(3, study["trials"]!.AsArray().Count);
        var best = (await cli.RunOkAsync("runs", "show", steps["tune"]["run_id"]!.GetValue<string>(), "--json")).Json();
        Assert.Equal("best", best["run"]!["tags"]!["gyre.tune.role"]!.GetValue<string>());
        Assert.Equal("1", steps["register"]["version"]!.GetValue<string>());
    }
}
