using Gyre.Cli.Tests.Support;
using Gyre.Core;
using Gyre.Pipelines.Batch;
using Gyre.Pipelines.Tuning;
using Gyre.Tracking;
using Gyre.Training.Packaging;

namespace Gyre.Cli.Tests.Tune;

/// <summary>`gyre tune`: its JSON, the runs it leaves in the store, its best model package, workers and spec errors.</summary>
[Collection(TunedWorkspaceSharing.Name)]
public sealed class TuneCommandTests(TunedWorkspace workspace)
{
    private static readonly double[] FeatureFractions = [0.5, 0.7, 1.0];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Tune_Json_ReportsStudyCountsBestTrialAndPackage()
    {
        var json = workspace.Result;

        Assert.Equal("tune", json["study"]!.GetValue<string>());
        Assert.Equal("roc_auc", json["metric"]!.GetValue<string>());
        Assert.Equal("maximize", json["direction"]!.GetValue<string>());
        var trials = json["trials"]!;
        Assert.Equal(TunedWorkspace.Trials, trials["total"]!.GetValue<int>());
        Assert.Equal(TunedWorkspace.Trials, trials["complete"]!.GetValue<int>() + trials["pruned"]!.GetValue<int>());
        Assert.Equal(0, trials["failed"]!.GetValue<int>());
        var best = json["best_trial"]!;
        Assert.InRange(best["value"]!.GetValue<double>(), 0.5, 1.0);
        var parameters = best["params"]!;
        Assert.InRange(parameters["num_trees"]!.GetValue<long>(), 50, 200);
        Assert.InRange(parameters["num_leaves"]!.GetValue<long>(), 4, 32);
        Assert.Contains(parameters["feature_fraction"]!.GetValue<double>(), FeatureFractions);
        Assert.Matches("^[0-9a-f]{32}$", json["study_run_id"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", json["best_run_id"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(json["model_path"]!.GetValue<string>(), "manifest.json")));
    }

    [Fact]
    public async Task Tune_Store_HoldsStudyRunWithOneChildRunPerTrialAndTheBestTraining()
    {
        var json = workspace.Result;
        var studyRunId = json["study_run_id"]!.GetValue<string>();
        var store = (await Workspace.OpenAsync(workspace.Cli.Environment(TextWriter.Null, TextWriter.Null), Ct)).Tracking;

        var studyRun = await store.GetRunAsync(new RunId(studyRunId), Ct);
        var studyTags = studyRun.Data.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(("tune", "tpe", "median"), (studyTags[TuneTags.Study], studyTags[TuneTags.Sampler], studyTags[TuneTags.Pruner]));
        Assert.Equal(RunStatus.Finished, studyRun.Info.Status);

        var children = (await store.SearchRunsAsync(
            new RunSearch([studyRun.Info.ExperimentId]) { Filter = $"tags.`{TuneTags.ParentRunId}` = '{studyRunId}'" }, Ct)).Items;
        var trialRuns = children.Where(r => r.Data.Tags.Any(t => t.Key == TuneTags.Role && t.Value == "trial")).ToList();
        Assert.Equal(TunedWorkspace.Trials, trialRuns.Count);
        Assert.All(trialRuns, r =>
        {
            Assert.Contains(r.Data.Params, p => p.Key == "num_trees");
            Assert.Contains(r.Data.Tags, t => t.Key == TuneTags.TrialState);
        });
        var bestTrialRun = trialRuns.Single(r => r.Info.RunId.Value == json["best_trial"]!["run_id"]!.GetValue<string>());
        Assert.Equal(json["best_trial"]!["value"]!.GetValue<double>(), bestTrialRun.Data.Metrics.Single(m => m.Key == "roc_auc").Value);
        var bestTraining = Assert.Single(children, r => r.Data.Tags.Any(t => t.Key == TuneTags.Role && t.Value == "best"));
        Assert.Equal(json["best_run_id"]!.GetValue<string>(), bestTraining.Info.RunId.Value);
    }

    [Fact]
    public async Task Tune_BestModelPackage_LoadsAndPredictsEveryRow()
    {
        var json = workspace.Result;
        var package = await ModelPackage.LoadAsync(json["model_path"]!.GetValue<string>(), Ct);
        var output = Path.Combine(workspace.Folder.Path, "scored-" + Guid.NewGuid().ToString("N") + ".csv");

        var scored = await BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = workspace.DataPath, Output = output }, null, Ct);

        Assert.Equal(TunedWorkspace.Rows, scored.RowsScored);
        Assert.Equal(json["best_trial"]!["params"]!["num_trees"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
            package.Manifest.Hyperparameters["num_trees"]);
    }

    [Fact]
    public async Task Tune_TwoWorkers_RunExactlyTheRequestedTrials()
    {
        var json = (await workspace.Cli.RunOkAsync("tune", "--spec", "tune.yaml", "--trials", "5", "--workers", "2", "--study", "two-workers", "--json")).Json();

        Assert.Equal("two-workers", json["study"]!.GetValue<string>());
        Assert.Equal(5, json["trials"]!["total"]!.GetValue<int>());
        Assert.Equal(5, json["trials"]!["complete"]!.GetValue<int>() + json["trials"]!["pruned"]!.GetValue<int>());
    }

    [Fact]
    public async Task Tune_TheSeedsRandomForestExample_RunsAsWritten()
    {
        // The seed: RandomForestClassifier, n_estimators 50-200, max_depth 3-20, 30 trials (here cut to 3 by flag).
        var spec = workspace.Folder.Write("seed-" + Guid.NewGuid().ToString("N") + ".yaml", """
            data: fraud.csv
            label: is_fraud
            task: binary
            trainer: fastforest
            metric: roc_auc
            validation: {kind: holdout, test_fraction: 0.25}
            trials: 30
            search_space:
              n_estimators: {type: int, low: 50, high: 200}
              max_depth: {type: int, low: 3, high: 20}
            """);

        var result = await workspace.Cli.RunAsync("tune", "--spec", spec, "--trials", "3", "--study", "seed-" + Guid.NewGuid().ToString("N"), "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal(3, json["trials"]!["complete"]!.GetValue<int>() + json["trials"]!["pruned"]!.GetValue<int>());
        var parameters = json["best_trial"]!["params"]!;
        Assert.InRange(parameters["num_trees"]!.GetValue<long>(), 50, 200);
        Assert.InRange(parameters["max_depth"]!.GetValue<long>(), 3, 20);
    }

    [Fact]
    public async Task Tune_SpecWithUnknownHyperparameter_FailsNamingFileAndField()
    {
        var spec = workspace.Folder.Write("bad-" + Guid.NewGuid().ToString("N") + ".yaml",
            TunedWorkspace.SpecText.Replace("numberOfLeaves", "max_leaf_depth", StringComparison.Ordinal));

        var result = await workspace.Cli.RunAsync("tune", "--spec", spec, "--json");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains(spec, result.Error, StringComparison.Ordinal);
        Assert.Contains("search_space.max_leaf_depth", result.Error, StringComparison.Ordinal);
        Assert.Contains("num_leaves", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
