using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Validation;

public sealed class ModelTrainerTests
{
    [Fact]
    public void Train_AdultBinaryLightGbm_BeatsMajorityBaseline()
    {
        var outcome = TrainedModels.AdultBinary;

        var evaluation = Assert.IsType<ModelEvaluation>(outcome.Evaluation);
        var positiveShare = evaluation.Actual.Count(a => a == ">50K") / (double)evaluation.Actual.Count;
        Assert.Equal(">50K", outcome.Labels.PositiveClass);
        Assert.True(evaluation.Binary!.RocAuc > 0.8, $"roc_auc {evaluation.Binary.RocAuc}");
        Assert.True(evaluation.Binary.Accuracy > 1 - positiveShare, $"accuracy {evaluation.Binary.Accuracy} vs majority {1 - positiveShare}");
        Assert.Equal(EvaluationSource.Holdout, outcome.EvaluationSource);
        Assert.Equal(400, outcome.EvaluationRows);
        Assert.Equal(1600, outcome.TrainingRows);
        Assert.Equal("50", outcome.Trainer.EffectiveHyperparameters["num_iterations"]);
        Assert.True(outcome.FitTime > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("fastforest")]
    [InlineData("sdca")]
    public void Train_Twice_IdenticalMetricsAndPredictions(string trainer)
    {
        var data = TestTables.Adult(1000);
        var spec = new TrainingSpec { Label = "income", Task = TaskKind.Binary, Trainer = trainer, Validation = new ValidationSpec { Folds = 3 } };

        var first = ModelTrainer.Train(data, spec, cancellationToken: TestContext.Current.CancellationToken);
        var second = ModelTrainer.Train(data, spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(first.Evaluation!.Metrics, second.Evaluation!.Metrics);
        Assert.Equal(first.Evaluation.Predictions, second.Evaluation.Predictions);
        Assert.Equal(first.Folds.Select(f => f.Metrics["roc_auc"]), second.Folds.Select(f => f.Metrics["roc_auc"]));
    }

    [Fact]
    public void Train_OtherSeed_OtherHoldout()
    {
        var data = TestTables.Iris();
        var spec = new TrainingSpec { Label = "class", Task = TaskKind.Multiclass, Validation = new ValidationSpec { Folds = 0 } };

        var first = ModelTrainer.Train(data, spec, cancellationToken: TestContext.Current.CancellationToken);
        var second = ModelTrainer.Train(data, spec with { Seed = 43 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(first.Evaluation!.Predictions.Select(p => p.Line), second.Evaluation!.Predictions.Select(p => p.Line));
    }

    [Fact]
    public void Train_ThreeFolds_ReportsFoldMetricsSummaryAndProgress()
    {
        var progress = new RecordingProgress();
        var spec = new TrainingSpec { Label = "class", Task = TaskKind.Multiclass, Validation = new ValidationSpec { Folds = 3 } };

        var outcome = ModelTrainer.Train(TestTables.Iris(), spec, progress, TestContext.Current.CancellationToken);

        Assert.Equal(3, outcome.Folds.Count);
        Assert.Equal(outcome.TrainingRows, outcome.Folds.Sum(f => f.TestRows));
        Assert.All(outcome.Folds, f => Assert.Equal(outcome.TrainingRows, f.TrainRows + f.TestRows));
        var accuracy = outcome.CrossValidation.Single(s => s.Name == "micro_accuracy");
        Assert.Equal(outcome.Folds.Select(f => f.Metrics["micro_accuracy"]), accuracy.PerFold);
        Assert.Equal(outcome.Folds.Average(f => f.Metrics["micro_accuracy"]), accuracy.Mean, 12);
        Assert.True(accuracy.Mean > 0.8, $"cv micro_accuracy {accuracy.Mean}");
        Assert.Equal([1, 2, 3], progress.Reports.Where(r => r.Stage == TrainingStage.CrossValidating).Select(r => r.Step!.Value));
        Assert.Equal(TrainingStage.Done, progress.Reports[^1].Stage);
    }

    [Fact]
    public void Train_NoHoldoutNoFolds_NoEvaluation()
    {
        var spec = new TrainingSpec { Label = "class", Task = TaskKind.Multiclass, Validation = new ValidationSpec { HoldoutFraction = 0, Folds = 1 } };

        var outcome = ModelTrainer.Train(TestTables.Iris(), spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(EvaluationSource.None, outcome.EvaluationSource);
        Assert.Null(outcome.Evaluation);
        Assert.Empty(outcome.Folds);
        Assert.Equal(150, outcome.TrainingRows);
    }

    [Fact]
    public void Train_SeparateTestTable_TrainsOnAllRowsAndEvaluatesOnTest()
    {
        var iris = TestTables.Iris();
        var train = iris.Take([.. Enumerable.Range(0, 150).Where(r => r % 3 != 0)]);
        var test = iris.Take([.. Enumerable.Range(0, 150).Where(r => r % 3 == 0)]);
        var spec = new TrainingSpec { Label = "class", Task = TaskKind.Multiclass, Validation = new ValidationSpec { Folds = 0 } };

        var outcome = ModelTrainer.Train(train, test, spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(EvaluationSource.TestTable, outcome.EvaluationSource);
        Assert.Equal(100, outcome.TrainingRows);
        Assert.Equal(50, outcome.EvaluationRows);
        Assert.Equal(test.SourceLines, outcome.Evaluation!.Predictions.Select(p => p.Line));
        Assert.True(outcome.Evaluation.Multiclass!.MicroAccuracy > 0.85);
    }

    [Fact]
    public void Train_PositiveClassOverride_ProbabilitiesAreOfThatClass()
    {
        var data = TestTables.Adult(1000);
        var spec = new TrainingSpec { Label = "income", Task = TaskKind.Binary, PositiveClass = "<=50K", Validation = new ValidationSpec { Folds = 0 } };

        var outcome = ModelTrainer.Train(data, spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["<=50K"], [outcome.Labels.PositiveClass!]);
        Assert.Equal([">50K", "<=50K"], outcome.Labels.ClassNames);
        Assert.True(outcome.Evaluation!.Binary!.RocAuc > 0.8);
        var predictions = outcome.Evaluation.Predictions;
        Assert.True(predictions.Count(p => p.Probability > 0.5) > predictions.Count / 2, "most adults earn <=50K, so most probabilities of <=50K exceed 0.5");
    }

    [Fact]
    public void Train_PermutationImportance_RanksInformativeColumnAboveNoise()
    {
        var random = new Random(5);
        var signal = Enumerable.Range(0, 400).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var noise = Enumerable.Range(0, 400).Select(_ => random.NextDouble()).ToArray();
        var label = signal.Select(s => (bool?)(s + (random.NextDouble() * 0.4) - 0.2 > 0)).ToArray();
        var data = TestTables.Build([new NumericColumn("signal", signal), new NumericColumn("noise", noise), new BooleanColumn("y", label)]);
        var spec = new TrainingSpec
        {
            Label = "y",
            Task = TaskKind.Binary,
            Hyperparameters = new Dictionary<string, string> { ["num_iterations"] = "30" },
            Validation = new ValidationSpec { Folds = 0, HoldoutFraction = 0.3 },
            PermutationImportance = true,
            PermutationRepeats = 3,
        };

        var outcome = ModelTrainer.Train(data, spec, cancellationToken: TestContext.Current.CancellationToken);

        var signalImportance = outcome.Importance.Single(i => i.Column == "signal");
        var noiseImportance = outcome.Importance.Single(i => i.Column == "noise");
        Assert.Equal(3, signalImportance.PerRepeat.Count);
        Assert.True(signalImportance.Mean > 0.2, $"signal {signalImportance.Mean}");
        Assert.True(Math.Abs(noiseImportance.Mean) < 0.05, $"noise {noiseImportance.Mean}");
    }

    [Fact]
    public void Train_LabelColumnAbsent_ThrowsListingColumns()
    {
        var ex = Assert.Throws<GyreException>(() =>
            ModelTrainer.Train(TestTables.Iris(), new TrainingSpec { Label = "species", Task = TaskKind.Multiclass }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("'species'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sepal_length", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ThreeValuedLabelAsBinary_ThrowsNamingValues()
    {
        var ex = Assert.Throws<GyreException>(() =>
            ModelTrainer.Train(TestTables.Iris(), new TrainingSpec { Label = "class", Task = TaskKind.Binary }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("'Iris-setosa', 'Iris-versicolor', 'Iris-virginica'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ModelTrainer.Train(TestTables.Iris(), new TrainingSpec { Label = "class", Task = TaskKind.Multiclass }, cancellationToken: cts.Token));
    }

    private sealed class RecordingProgress : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];

        public void Report(TrainingProgress value) => Reports.Add(value);
    }
}
