using Gyre.Cli.Tests.Support;
using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Pipelines.Tuning;
using Gyre.Tracking;
using Gyre.Tuning;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Cli.Tests.Tune;

/// <summary>K-fold trials report the running mean per fold and stop when the pruner says so; their runs record how they ended.</summary>
[Collection(TunedWorkspaceSharing.Name)]
public sealed class TuningObjectivePruningTests(TunedWorkspace workspace)
{
    private const string KFoldSpec = """
        data: fraud.csv
        label: is_fraud
        task: binary
        trainer: fastforest
        metric: roc_auc
        validation: {kind: kfold, folds: 3}
        search_space:
          num_trees: {type: int, low: 5, high: 10}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KFold_PrunerThatAlwaysPrunes_StopsEveryTrialAfterTheFirstFold()
    {
        var (study, tracking) = await RunStudyAsync(new AlwaysPrune(), "always-prune");

        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Pruned, t.State);
            Assert.Equal([0L], t.IntermediateValues.Keys);
        });
        var run = await tracking.GetRunAsync(new RunId(study.Trials[0].UserAttrs[TuneTags.RunIdAttr]), Ct);
        Assert.Equal(RunStatus.Killed, run.Info.Status);
        Assert.Contains(run.Data.Tags, t => t.Key == TuneTags.TrialState && t.Value == "pruned");
    }

    [Fact]
    public async Task KFold_NoPruning_ReportsTheRunningMeanPerFoldAndReturnsTheMean()
    {
        var (study, tracking) = await RunStudyAsync(new NopPruner(), "no-prune");

        var trial = study.Trials[0];
        Assert.Equal(TrialState.Complete, trial.State);
        Assert.Equal([0L, 1L, 2L], trial.IntermediateValues.Keys.Order());
        Assert.Equal(trial.Value!.Value, trial.IntermediateValues[2], 12);
        var run = await tracking.GetRunAsync(new RunId(trial.UserAttrs[TuneTags.RunIdAttr]), Ct);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        var folds = (await tracking.GetMetricHistoryAsync(run.Info.RunId, "cv_roc_auc", null, null, Ct)).Items.OrderBy(m => m.Step).Select(m => m.Value).ToList();
        Assert.Equal(3, folds.Count);
        Assert.Equal(folds.Take(2).Average(), trial.IntermediateValues[1], 12);
        Assert.Equal(folds.Average(), trial.Value!.Value, 12);
    }

    [Fact]
    public async Task Holdout_BoostedTrainer_ReportsTheLearningCurvePerIterationEndingAtTheValue()
    {
        var (study, _) = await RunStudyAsync(new NopPruner(), "holdout-curve", HoldoutSpec);

        var trial = study.Trials[0];
        Assert.Equal(TrialState.Complete, trial.State);
        Assert.Equal(Enumerable.Range(1, (int)(long)trial.Params["num_iterations"]!).Select(i => (long)i), trial.IntermediateValues.Keys.Order());
        Assert.Equal(trial.Value!.Value, trial.IntermediateValues[trial.LastStep!.Value], 4);
    }

    [Fact]
    public async Task Holdout_BoostedTrainerWithAPruner_StopsAPoorTrialAfterASixteenthOfItsIterations()
    {
        var (study, tracking) = await RunStudyAsync(new AlwaysPrune(), "holdout-staged", StagedSpec);

        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Pruned, t.State);
            // The first stage trains num_iterations / 16 iterations and reports its learning curve.
            var iterations = (long)t.Params["num_iterations"]!;
            Assert.Equal(iterations / 16, t.LastStep);
            Assert.Equal(Enumerable.Range(1, (int)(iterations / 16)).Select(i => (long)i), t.IntermediateValues.Keys.Order());
        });
        var run = await tracking.GetRunAsync(new RunId(study.Trials[0].UserAttrs[TuneTags.RunIdAttr]), Ct);
        Assert.Equal(RunStatus.Killed, run.Info.Status);
    }

    [Fact]
    public async Task Holdout_BoostedTrainerWithAPrunerThatLetsItRun_CompletesWithTheFullCurve()
    {
        var (study, _) = await RunStudyAsync(new MedianPruner(nStartupTrials: 100), "holdout-staged-kept", StagedSpec);

        var trial = study.Trials[0];
        Assert.Equal(TrialState.Complete, trial.State);
        var iterations = (int)(long)trial.Params["num_iterations"]!;
        Assert.Equal(Enumerable.Range(1, iterations).Select(i => (long)i), trial.IntermediateValues.Keys.Order());
        Assert.Equal(trial.Value!.Value, trial.IntermediateValues[iterations], 4);
    }

    private const string StagedSpec = """
        data: fraud.csv
        label: is_fraud
        task: binary
        trainer: lightgbm
        metric: roc_auc
        search_space:
          n_estimators: {type: int, low: 32, high: 40}
        """;

    private const string HoldoutSpec = """
        data: fraud.csv
        label: is_fraud
        task: binary
        trainer: lightgbm
        metric: roc_auc
        search_space:
          n_estimators: {type: int, low: 5, high: 15}
        """;

    private async Task<(Gyre.Tuning.Study Study, ITrackingStore Tracking)> RunStudyAsync(IPruner pruner, string name, string specText = KFoldSpec)
    {
        var spec = TuneSpecYaml.Parse(specText, Path.Combine(workspace.Folder.Path, name + ".yaml")) with { Data = workspace.DataPath };
        var data = await TableLoader.LoadAsync(spec.Data, new TableLoadOptions(), Ct);
        var ws = await Workspace.OpenAsync(workspace.Cli.Environment(TextWriter.Null, TextWriter.Null), Ct);
        var study = await Gyre.Tuning.Study.CreateAsync(name, StudyDirection.Maximize, new RandomSampler(1), pruner, new InMemoryStudyStorage(), Ct);
        var parent = await ws.Tracking.CreateRunAsync(
            await ws.Tracking.GetOrCreateExperimentAsync("pruning-tests", Ct), name, "tests", 0, [], Ct);
        var objective = new TuningObjective(spec, new TrialValidation(spec, data), ws.Tracking, ws.Artifacts, "pruning-tests", parent.RunId, []);
        await study.OptimizeAsync(objective.EvaluateAsync, new OptimizeOptions { Trials = 2 }, Ct);
        return (study, ws.Tracking);
    }

    private sealed class AlwaysPrune : IPruner
    {
        public bool Prune(Gyre.Tuning.Study study, FrozenTrial trial) => true;
    }
}
