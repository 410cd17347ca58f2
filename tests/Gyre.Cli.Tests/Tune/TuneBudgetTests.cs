using Gyre.Cli.Tests.Support;
using Gyre.Pipelines.Tuning;
using Gyre.Tracking;
using Gyre.Tuning;

namespace Gyre.Cli.Tests.Tune;

/// <summary>`gyre tune` budgets: the timeout, the study-wide trial budget shared by processes, and plain-text progress.</summary>
[Collection(TunedWorkspaceSharing.Name)]
public sealed class TuneBudgetTests(TunedWorkspace workspace)
{
    private const int FailFastLimit = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tune_Timeout_StopsStartingTrialsLongBeforeTheTrialBudget()
    {
        var json = (await workspace.Cli.RunOkAsync("tune", "--spec", "tune.yaml", "--trials", "10000", "--timeout", "1s", "--study", "timeout-" + Guid.NewGuid().ToString("N"), "--json")).Json();

        Assert.InRange(json["trials"]!["total"]!.GetValue<int>(), 1, 50);
        Assert.NotNull(json["best_trial"]);
    }

    [Fact]
    public async Task Tune_WithoutJson_PrintsATrialLineEachAndTheBestTrial()
    {
        var result = await workspace.Cli.RunOkAsync("tune", "--spec", "tune.yaml", "--trials", "2", "--study", "text-" + Guid.NewGuid().ToString("N"));

        Assert.Matches(@"trial 0 \(\d/2\): ", result.Error);
        Assert.Matches(@"trial 1 \(\d/2\): ", result.Error);
        Assert.Contains("best trial", result.Out, StringComparison.Ordinal);
        Assert.Contains("num_trees", result.Out, StringComparison.Ordinal);
        Assert.Contains("gyre models register", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tune_EveryTrialFails_StopsAfterFiveNamingTheError()
    {
        var folder = workspace.Folder.Combine("one-class-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "one-class.csv"), ["x,y", .. Enumerable.Range(0, 40).Select(i => $"{i},1")]);
        var spec = workspace.Folder.Write(Path.Combine(folder, "tune.yaml"),
            "data: one-class.csv\nlabel: y\ntask: binary\ntrainer: fastforest\ntrials: 1000\nsearch_space:\n  num_trees: {type: int, low: 5, high: 10}\n");

        var result = await workspace.Cli.RunAsync("tune", "--spec", spec, "--json");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains($"The first {FailFastLimit} trials all failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tune_Store_PutsTheStudyRunsInTheNamedStoreNotTheWorkspace()
    {
        var storeFolder = workspace.Folder.Combine("store-" + Guid.NewGuid().ToString("N"));

        var json = (await workspace.Cli.RunOkAsync("tune", "--spec", "tune.yaml", "--trials", "1", "--study", "elsewhere", "--store", storeFolder, "--json")).Json();

        var studyRunId = new Gyre.Core.RunId(json["study_run_id"]!.GetValue<string>());
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Workspace.HomeVariable] = workspace.Cli.Home, [Gyre.Client.TrackingClient.TrackingUriVariable] = storeFolder,
        };
        var named = await Workspace.OpenAsync(new CliEnvironment(TextWriter.Null, TextWriter.Null, workspace.Cli.WorkingDirectory, variables, false), Ct);
        Assert.Contains((await named.Tracking.GetRunAsync(studyRunId, Ct)).Data.Tags, t => t.Key == TuneTags.Study && t.Value == "elsewhere");
        var local = await Workspace.OpenAsync(workspace.Cli.Environment(TextWriter.Null, TextWriter.Null), Ct);
        await Assert.ThrowsAsync<Gyre.Core.GyreException>(() => local.Tracking.GetRunAsync(studyRunId, Ct));
    }

    /// <summary>Two processes (here: two concurrent CLI invocations, each opening its own store) on one study split its budget.</summary>
    [Fact]
    public async Task Tune_TwoProcessesOnOneStudy_RunExactlyTheBudgetBetweenThem()
    {
        var store = (await Workspace.OpenAsync(workspace.Cli.Environment(TextWriter.Null, TextWriter.Null), Ct)).Tracking;
        Assert.SkipUnless(store is IStudyStorage, "The workspace's tracking store does not hold studies yet.");
        var study = "shared-" + Guid.NewGuid().ToString("N");
        string[] args = ["tune", "--spec", "tune.yaml", "--trials", "6", "--study", study, "--json"];

        var results = await Task.WhenAll(workspace.Cli.RunOkAsync(args), workspace.Cli.RunOkAsync(args));

        Assert.All(results, r => Assert.Equal(6, r.Json()["trials"]!["complete"]!.GetValue<int>() + r.Json()["trials"]!["pruned"]!.GetValue<int>()));
        var experiment = await store.FindExperimentByNameAsync("Default", Ct);
        var trialRuns = (await store.SearchRunsAsync(
            new RunSearch([experiment!.Id]) { Filter = $"tags.`{TuneTags.Study}` = '{study}' AND tags.`{TuneTags.Role}` = 'trial'" }, Ct)).Items;
        Assert.Equal(6, trialRuns.Count);
        Assert.Equal(6, trialRuns.Select(r => r.Data.Tags.Single(t => t.Key == TuneTags.Trial).Value).Distinct().Count());
    }
}
