using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;
using Gyre.Tracking;

namespace Gyre.Cli.Tests.Commands;

/// <summary>`gyre runs list|show|compare` on the shared <see cref="TrainedWorkspace"/>.</summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class RunsCommandsTests(TrainedWorkspace workspace)
{
    private string FirstId => TrainedWorkspace.RunId(workspace.First);

    [Fact]
    public async Task Show_Json_HasStatusParamsMetricsTagsAndInput()
    {
        var shown = (await workspace.Cli.RunOkAsync("runs", "show", FirstId, "--json")).Json();
        var run = shown["run"]!;

        Assert.Equal(FirstId, Str(run, "run_id"));
        Assert.Equal("FINISHED", Str(run, "status"));
        Assert.NotNull(run["end_time"]);
        var parameters = run["params"]!;
        Assert.Equal(FraudData.Label, Str(parameters, "label"));
        Assert.Equal("lightgbm", Str(parameters, "trainer"));
        Assert.Equal("binary", Str(parameters, "task"));
        Assert.Equal(workspace.DataPath, Str(parameters, "data"));
        var effective = workspace.First["hyperparameters"]!.AsObject();
        Assert.NotEmpty(effective);
        foreach (var (name, value) in effective)
        {
            Assert.Equal(value!.GetValue<string>(), Str(parameters, "trainer." + name));
        }

        var metrics = run["metrics"]!;
        Assert.Equal(workspace.First["metrics"]!["roc_auc"]!.GetValue<double>(), metrics["roc_auc"]!.GetValue<double>());
        Assert.Equal(workspace.First["cross_validation"]!["roc_auc"]!["mean"]!.GetValue<double>(), metrics["cv_roc_auc_mean"]!.GetValue<double>());
        Assert.True(metrics["fit_seconds"]!.GetValue<double>() > 0);
        var tags = run["tags"]!;
        Assert.Equal(Environment.UserName, Str(tags, "mlflow.user"));
        Assert.Equal(RunContext.GyreVersion, Str(tags, "gyre.version"));
        Assert.Equal("gyre train", Str(tags, "mlflow.source.name"));
        var input = Assert.Single(run["inputs"]!.AsArray())!;
        Assert.Equal(TrainCommandTrackingTests.Sha256(workspace.DataPath), Str(input, "digest"));
        Assert.Equal(workspace.DataPath, Str(input, "source"));
        var artifacts = shown["artifacts"]!.AsArray().Select(a => Str(a!, "path")).ToList();
        Assert.Contains("model", artifacts);
        Assert.Contains("metrics.json", artifacts);
    }

    [Fact]
    public async Task Show_StepMetricPerFold_LatestIsLastFold()
    {
        var run = (await workspace.Cli.RunOkAsync("runs", "show", FirstId, "--json")).Json()["run"]!;
        var perFold = workspace.First["cross_validation"]!["roc_auc"]!["folds"]!.AsArray();

        Assert.Equal(perFold[^1]!.GetValue<double>(), run["metrics"]!["cv_roc_auc"]!.GetValue<double>());
    }

    [Fact]
    public async Task Show_EightCharacterPrefix_FindsTheRun()
    {
        var shown = (await workspace.Cli.RunOkAsync("runs", "show", FirstId[..8], "--json")).Json();

        Assert.Equal(FirstId, Str(shown["run"]!, "run_id"));
    }

    [Fact]
    public async Task Show_TextOutput_ListsIdStatusAndDigest()
    {
        var shown = await workspace.Cli.RunOkAsync("runs", "show", FirstId);

        Assert.Contains(FirstId, shown.Out, StringComparison.Ordinal);
        Assert.Contains("FINISHED", shown.Out, StringComparison.Ordinal);
        Assert.Contains(TrainCommandTrackingTests.Sha256(workspace.DataPath), shown.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("ffffffff")]
    public async Task Show_UnknownId_ExitsOneNamingIt(string id)
    {
        var result = await workspace.Cli.RunAsync("runs", "show", id, "--json");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(id, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Show_TooShortPrefix_ExitsOne()
    {
        var result = await workspace.Cli.RunAsync("runs", "show", FirstId[..3]);

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(FirstId[..3], result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Json_IncludesEveryTrainingNewestFirst()
    {
        var runs = (await workspace.Cli.RunOkAsync("runs", "list", "--json")).Json()["runs"]!.AsArray();

        var ids = runs.Select(r => Str(r!, "run_id")).ToList();
        Assert.Equal(
            [TrainedWorkspace.RunId(workspace.SmallLeaves), TrainedWorkspace.RunId(workspace.Second), FirstId],
            ids);
        Assert.All(runs, r => Assert.Equal("FINISHED", Str(r!, "status")));
    }

    [Fact]
    public async Task List_ExperimentFilterAndMax_LimitRuns()
    {
        var limited = (await workspace.Cli.RunOkAsync("runs", "list", "--experiment", TrainedWorkspace.Experiment, "--max", "1", "--json")).Json()["runs"]!.AsArray();
        var unknown = await workspace.Cli.RunAsync("runs", "list", "--experiment", "no-such-experiment");

        Assert.Equal(TrainedWorkspace.RunId(workspace.SmallLeaves), Str(Assert.Single(limited)!, "run_id"));
        unknown.AssertExit(ExitCodes.Failure);
        Assert.Contains("no-such-experiment", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_RunsWithDifferentNumLeaves_ShowsTheDifferingParam()
    {
        var other = TrainedWorkspace.RunId(workspace.SmallLeaves);

        var compared = (await workspace.Cli.RunOkAsync("runs", "compare", FirstId, other[..8], "--json")).Json();

        Assert.Equal([FirstId, other], compared["runs"]!.AsArray().Select(r => r!.GetValue<string>()));
        var parameters = compared["params"]!;
        Assert.Equal(
            [workspace.First["hyperparameters"]!["num_leaves"]!.GetValue<string>(), "7"],
            parameters["trainer.num_leaves"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal([null, "7"], parameters["hyperparameters.num_leaves"]!.AsArray().Select(v => v?.GetValue<string>()));
        Assert.Equal([FraudData.Label, FraudData.Label], parameters["label"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(
            [workspace.First["metrics"]!["roc_auc"]!.GetValue<double>(), workspace.SmallLeaves["metrics"]!["roc_auc"]!.GetValue<double>()],
            compared["metrics"]!["roc_auc"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Fact]
    public async Task Compare_TextOutput_MarksTheDifferingParam()
    {
        var compared = await workspace.Cli.RunOkAsync("runs", "compare", FirstId, TrainedWorkspace.RunId(workspace.SmallLeaves));

        Assert.Contains("* trainer.num_leaves", compared.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("* label", compared.Out, StringComparison.Ordinal);
    }

    private static string Str(JsonNode node, string key) => TrainCommandTrackingTests.Str(node, key);
}
