using Gyre.Data.Tables;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Trainers;

/// <summary>Every trainer on every task it supports trains on real data and beats a trivial baseline.</summary>
public sealed class TrainerTaskTests
{
    private static readonly Lazy<DataTable> Adult = new(() => TestTables.Adult(800));
    private static readonly Lazy<DataTable> Wine = new(() => TestTables.Wine(1600));

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("fasttree")]
    [InlineData("fastforest")]
    [InlineData("sdca")]
    [InlineData("lbfgs")]
    [InlineData("linear")]
    public void Train_Binary_RocAucWellAboveChanceAndProbabilitiesInUnitRange(string trainer)
    {
        var outcome = ModelTrainer.Train(Adult.Value, Spec("income", TaskKind.Binary, trainer), cancellationToken: TestContext.Current.CancellationToken);

        var binary = outcome.Evaluation!.Binary!;
        Assert.True(binary.RocAuc > 0.75, $"{trainer}: roc_auc {binary.RocAuc}");
        Assert.All(outcome.Evaluation.Predictions, p => Assert.InRange(p.Probability!.Value, 0, 1));
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("fasttree")]
    [InlineData("fastforest")]
    [InlineData("sdca")]
    [InlineData("lbfgs")]
    public void Train_Multiclass_AccuracyWellAboveMajorityClass(string trainer)
    {
        var outcome = ModelTrainer.Train(TestTables.Iris(), Spec("class", TaskKind.Multiclass, trainer), cancellationToken: TestContext.Current.CancellationToken);

        var multiclass = outcome.Evaluation!.Multiclass!;
        Assert.True(multiclass.MicroAccuracy > 0.8, $"{trainer}: micro_accuracy {multiclass.MicroAccuracy} (majority class: 0.33)");
        Assert.All(outcome.Evaluation.Predictions, p => Assert.Equal(1.0, p.ClassProbabilities!.Sum(), 3));
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("fasttree")]
    [InlineData("fastforest")]
    [InlineData("sdca")]
    [InlineData("linear")]
    public void Train_Regression_BeatsPredictingTheMean(string trainer)
    {
        var outcome = ModelTrainer.Train(Wine.Value, Spec("quality", TaskKind.Regression, trainer), cancellationToken: TestContext.Current.CancellationToken);

        // R² > 0 means better than predicting the evaluation mean; 0.1 leaves no doubt on 400 rows.
        var regression = outcome.Evaluation!.Regression!;
        Assert.True(regression.R2 > 0.1, $"{trainer}: r2 {regression.R2}");
    }

    private static TrainingSpec Spec(string label, TaskKind task, string trainer) => new()
    {
        Label = label,
        Task = task,
        Trainer = trainer,
        Validation = new ValidationSpec { HoldoutFraction = 0.25, Folds = 0 },
    };
}
