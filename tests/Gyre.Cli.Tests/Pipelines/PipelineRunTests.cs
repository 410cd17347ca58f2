using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>`gyre pipeline run` with shell steps on a real SQLite workspace: parallel stages, references, retries, time limits, tracking.</summary>
public sealed class PipelineRunTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_IndependentSteps_RunAtTheSameTimeAndPassOutputsOn()
    {
        var cli = _folder.Cli();
        // a finishes only once b has started (b's marker exists): proof that they run in parallel, not one after the other.
        Write(cli, """
            name: fan-in
            params: { word: gyre }
            steps:
              a: { kind: shell, with: { run: "for i in $(seq 100); do [ -f b.started ] && break; sleep 0.1; done; [ -f b.started ] && echo a-saw-b" } }
              b: { kind: shell, with: { run: "touch b.started; echo ${params.word}" } }
              c: { kind: shell, with: { run: "echo ${steps.a.outputs.stdout} ${steps.b.outputs.stdout}" } }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--param", "word=loop", "--json")).Json();

        Assert.True(json["succeeded"]!.GetValue<bool>());
        var steps = json["steps"]!.AsArray();
        Assert.Equal("a-saw-b", steps[0]!["outputs"]!["stdout"]!.GetValue<string>());
        Assert.Equal("a-saw-b loop", steps[2]!["outputs"]!["stdout"]!.GetValue<string>());
        var show = (await cli.RunOkAsync("runs", "show", steps[2]!["run_id"]!.GetValue<string>(), "--json")).Json();
        Assert.Equal("FINISHED", show["run"]!["status"]!.GetValue<string>());
        Assert.Equal(json["run_id"]!.GetValue<string>(), show["run"]!["tags"]!["mlflow.parentRunId"]!.GetValue<string>());
        Assert.Equal("a-saw-b loop", show["run"]!["tags"]!["gyre.output.stdout"]!.GetValue<string>());
        Assert.Equal("echo a-saw-b loop", show["run"]!["params"]!["input.run"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_TrainRegisterExportSteps_TrackTheRunRegisterAndExportItsModel()
    {
        var cli = _folder.Cli();
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 1500);
        Write(cli, """
            name: train-and-check
            params: { data: fraud.csv }
            steps:
              train: { kind: train, with: { data: "${params.data}", label: is_fraud, folds: "0", trainer: fastforest } }
              check: { kind: shell, with: { run: "test -f ${steps.train.outputs.model}/manifest.json && echo package-ok" } }
              register: { kind: register, with: { name: fraud, run: "${steps.train.outputs.run_id}" } }
              export: { kind: export, with: { model: "fraud@champion", out: fraud.onnx, data: "${params.data}" }, needs: register }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();

        var steps = json["steps"]!.AsArray();
        Assert.Equal("package-ok", steps[1]!["outputs"]!["stdout"]!.GetValue<string>());
        var training = (await cli.RunOkAsync("runs", "show", steps[0]!["outputs"]!["run_id"]!.GetValue<string>(), "--json")).Json();
        Assert.Equal("FINISHED", training["run"]!["status"]!.GetValue<string>());
        Assert.Equal("fastforest", training["run"]!["params"]!["trainer"]!.GetValue<string>());
        Assert.Equal("fraud/1", steps[2]!["outputs"]!["reference"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "fraud.onnx")));
        Assert.InRange(double.Parse(steps[3]!["outputs"]!["max_abs_difference"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 0, 1e-5);
        var model = (await cli.RunOkAsync("models", "show", "fraud@champion", "--json")).Json();
        Assert.Contains(steps[0]!["outputs"]!["run_id"]!.GetValue<string>(), model.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnchangedCachedStep_ReusesItsOutputsUntilItsInputsOrDataChange()
    {
        var cli = _folder.Cli();
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "data.txt"), "v1");
        Write(cli, """
            name: cached
            params: { data: data.txt, n: "1" }
            steps:
              count: { kind: shell, cache: true, with: { run: "echo ran >> count.log; cat ${params.data}; echo ${params.n}" } }
              after: { kind: shell, with: { run: "echo ${steps.count.outputs.stdout}" } }
            """);
        var log = Path.Combine(cli.WorkingDirectory, "count.log");

        var first = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();
        var second = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();
        var changedParam = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--param", "n=2", "--json")).Json();
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "data.txt"), "v2");
        var changedData = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();
        var forced = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--no-cache", "--json")).Json();

        static JsonNode Count(JsonNode run) => run["steps"]![0]!;
        Assert.Null(Count(first)["cached_from"]);
        Assert.Equal(Count(first)["run_id"]!.GetValue<string>(), Count(second)["cached_from"]!.GetValue<string>());
        Assert.Equal(0, Count(second)["attempts"]!.GetValue<int>());
        Assert.Equal("v11", second["steps"]![1]!["outputs"]!["stdout"]!.GetValue<string>());
        Assert.Null(Count(changedParam)["cached_from"]);
        Assert.Null(Count(changedData)["cached_from"]);
        Assert.Null(Count(forced)["cached_from"]);
        Assert.Equal(4, File.ReadAllLines(log).Length);
        Assert.Equal(5, (await cli.RunOkAsync("pipeline", "list", "--json")).Json()["runs"]!.AsArray().Count);
    }

    [Fact]
    public async Task Resume_FailedRun_KeepsFinishedStepsAndRunsTheRest()
    {
        var cli = _folder.Cli();
        Write(cli, """
            name: resumable
            steps:
              a: { kind: shell, with: { run: "echo ran >> a.log; echo a-out" } }
              b: { kind: shell, with: { run: "test -f fixed && echo b-out" }, needs: a }
              c: { kind: shell, with: { run: "echo ${steps.a.outputs.stdout} ${steps.b.outputs.stdout}" } }
            """);
        var failed = await cli.RunAsync("pipeline", "run", "p.yaml", "--json");
        failed.AssertExit(ExitCodes.Failure);
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "fixed"), string.Empty);

        var resumed = (await cli.RunOkAsync("pipeline", "resume", failed.Json()["run_id"]!.GetValue<string>(), "--json")).Json();

        var steps = resumed["steps"]!.AsArray();
        Assert.Equal(failed.Json()["steps"]![0]!["run_id"]!.GetValue<string>(), steps[0]!["cached_from"]!.GetValue<string>());
        Assert.Equal("a-out b-out", steps[2]!["outputs"]!["stdout"]!.GetValue<string>());
        Assert.Single(File.ReadAllLines(Path.Combine(cli.WorkingDirectory, "a.log")));
        var again = await cli.RunAsync("pipeline", "resume", resumed["run_id"]!.GetValue<string>());
        again.AssertExit(ExitCodes.Failure);
        Assert.Contains("nothing to resume", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_KilledProcess_MarksTheRunKilledAndGoesOnFromTheLastFinishedStep()
    {
        var cli = _folder.Cli();
        Write(cli, """
            name: killed
            steps:
              a: { kind: shell, with: { run: "echo ran >> a.log; echo a-out" } }
              b: { kind: shell, with: { run: "if [ -f resumed ]; then echo b-out; else sleep 120; fi" }, needs: a }
            """);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = cli.WorkingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "gyre.dll"), "pipeline", "run", "p.yaml", "--json" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GYRE_HOME"] = cli.Home;
        string runId;
        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            try
            {
                runId = await WaitForFinishedStepAsync(cli, "a");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }

        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "resumed"), string.Empty);
        var resumed = (await cli.RunOkAsync("pipeline", "resume", runId, "--json")).Json();

        Assert.NotNull(resumed["steps"]![0]!["cached_from"]);
        Assert.Equal("b-out", resumed["steps"]![1]!["outputs"]!["stdout"]!.GetValue<string>());
        Assert.Single(File.ReadAllLines(Path.Combine(cli.WorkingDirectory, "a.log")));
        var killed = (await cli.RunOkAsync("pipeline", "status", runId, "--json")).Json();
        Assert.Equal("KILLED", killed["run"]!["status"]!.GetValue<string>());
    }

    /// <summary>Polls the workspace until a pipeline run's step <paramref name="step"/> has finished; returns the pipeline run's id.</summary>
    private static async Task<string> WaitForFinishedStepAsync(CliRunner cli, string step)
    {
        for (var i = 0; i < 600; i++)
        {
            var list = (await cli.RunOkAsync("pipeline", "list", "--json")).Json()["runs"]!.AsArray();
            if (list.Count == 1)
            {
                var runId = list[0]!["run_id"]!.GetValue<string>();
                var status = (await cli.RunOkAsync("pipeline", "status", runId, "--json")).Json();
                if (status["steps"]!.AsArray().Any(s => s!["step"]!.GetValue<string>() == step && s["status"]!.GetValue<string>() == "FINISHED"))
                {
                    return runId;
                }
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"step '{step}' did not finish within 60 s");
    }

    [Fact]
    public async Task Run_StepFailingOnce_SucceedsOnItsRetry()
    {
        var cli = _folder.Cli();
        Write(cli, """
            name: flaky
            steps:
              flaky: { kind: shell, with: { run: "if [ -f tried ]; then echo ok; else touch tried; exit 3; fi" }, retries: 2 }
            """);

        var json = (await cli.RunOkAsync("pipeline", "run", "p.yaml", "--json")).Json();

        var step = json["steps"]![0]!;
        Assert.Equal("succeeded", step["status"]!.GetValue<string>());
        Assert.Equal(2, step["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Run_StepOverItsTimeLimit_FailsSkipsLaterStagesAndFailsThePipelineRun()
    {
        var cli = _folder.Cli();
        Write(cli, """
            name: slow
            steps:
              slow: { kind: shell, with: { run: "sleep 30" }, timeout: 1s }
              quick: { kind: shell, with: { run: "echo fine" } }
              after: { kind: shell, with: { run: "touch should-not-exist" }, needs: slow }
            """);

        var result = await cli.RunAsync("pipeline", "run", "p.yaml", "--json");

        result.AssertExit(ExitCodes.Failure);
        var json = result.Json();
        var steps = json["steps"]!.AsArray();
        Assert.Equal(["failed", "succeeded", "skipped"], steps.Select(s => s!["status"]!.GetValue<string>()));
        Assert.Contains("timed out after", steps[0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.WorkingDirectory, "should-not-exist")));
        var parent = (await cli.RunOkAsync("runs", "show", json["run_id"]!.GetValue<string>(), "--json")).Json();
        Assert.Equal("FAILED", parent["run"]!["status"]!.GetValue<string>());
        var status = (await cli.RunOkAsync("pipeline", "status", json["run_id"]!.GetValue<string>(), "--json")).Json();
        Assert.Equal("FAILED", status["run"]!["status"]!.GetValue<string>());
        Assert.Equal(["quick:FINISHED", "slow:FAILED"], status["steps"]!.AsArray().Select(s => $"{s!["step"]}:{s["status"]}").Order(StringComparer.Ordinal));
        Assert.Contains("timed out", status["steps"]!.AsArray().Single(s => s!["step"]!.GetValue<string>() == "slow")!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var list = (await cli.RunOkAsync("pipeline", "list", "--json")).Json();
        Assert.Equal(json["run_id"]!.GetValue<string>(), Assert.Single(list["runs"]!.AsArray())!["run_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_UnknownParam_FailsBeforeTrackingAnything()
    {
        var cli = _folder.Cli();
        Write(cli, """
            name: mixed
            params: { data: x.csv }
            steps:
              check: { kind: data.validate, with: { data: "${params.data}" } }
            """);

        var param = await cli.RunAsync("pipeline", "run", "p.yaml", "--param", "nope=1");

        param.AssertExit(ExitCodes.Failure);
        Assert.Contains("--param nope", param.Error, StringComparison.Ordinal);
        var runs = (await cli.RunOkAsync("runs", "list", "--json")).Json();
        Assert.Empty(runs["runs"]!.AsArray());
    }

    private static void Write(CliRunner cli, string yaml) => File.WriteAllText(Path.Combine(cli.WorkingDirectory, "p.yaml"), yaml);
}
