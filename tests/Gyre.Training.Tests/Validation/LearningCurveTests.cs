using System.Collections.Concurrent;
using Gyre.Data.Tables;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Validation;

/// <summary>
/// Learning curves (<see cref="TrainingOutcome.IterationMetrics"/>): binary models on 2000 adult rows, regression
/// models on 2000 wine rows, each trained with 30 iterations on 4/5 of the rows and evaluated on a test table of
/// the other 1/5.
/// </summary>
public sealed class LearningCurveTests
{
    private const int Iterations = 30;

    private static readonly ConcurrentDictionary<(string Trainer, TaskKind Task), Lazy<(TrainingOutcome Outcome, DataTable Test)>> Trained = new();

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("fasttree")]
    public void Train_BoostedBinary_OneRocAucPerIterationEndingAtTheEvaluation(string trainer)
    {
        var (outcome, _) = Train(trainer, TaskKind.Binary);

        var curve = outcome.IterationMetrics;
        Assert.Equal(Enumerable.Range(1, Iterations), curve.Select(m => m.Iteration));
        Assert.All(curve, m => Assert.Equal("roc_auc", m.Name));
        Assert.Equal(outcome.Evaluation!.Binary!.RocAuc, curve[^1].Value, 1e-6);
        Assert.True(curve[^1].Value > curve[0].Value, $"roc_auc {curve[0].Value} after iteration 1, {curve[^1].Value} after {Iterations}");
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("fasttree")]
    public void Train_BoostedRegression_OneRmsePerIterationEndingAtTheEvaluation(string trainer)
    {
        var (outcome, _) = Train(trainer, TaskKind.Regression);

        var curve = outcome.IterationMetrics;
        Assert.Equal(Enumerable.Range(1, Iterations), curve.Select(m => m.Iteration));
        Assert.All(curve, m => Assert.Equal("rmse", m.Name));
        Assert.Equal(outcome.Evaluation!.Regression!.Rmse, curve[^1].Value, 1e-6);
        Assert.True(curve[^1].Value < curve[0].Value, $"rmse {curve[0].Value} after iteration 1, {curve[^1].Value} after {Iterations}");
    }

    [Theory]
    [InlineData("lightgbm", TaskKind.Binary)]
    [InlineData("fasttree", TaskKind.Binary)]
    [InlineData("lightgbm", TaskKind.Regression)]
    [InlineData("fasttree", TaskKind.Regression)]
    public void Featurize_AllTreesAccumulated_EqualsMlNetScoreOfEveryRowExactly(string trainer, TaskKind task)
    {
        var (outcome, test) = Train(trainer, task);
        var model = outcome.Model;
        var rows = SignatureChecker.Check(test, model.Signature).Conformed!;
        var ensemble = Assert.IsType<BoostedTreeEnsemble>(BoostedTreeEnsemble.Find(model.Transformer));

        var (features, modelScores) = LearningCurve.Featurize(model, rows);
        var sums = new double[rows.RowCount];
        Array.Fill(sums, ensemble.Bias);
        var staged = new float[ensemble.TreeCount * rows.RowCount];
        ensemble.Stage(features, 0, ensemble.TreeCount, sums, staged);

        Assert.Equal(Iterations, ensemble.TreeCount);
        Assert.Equal(modelScores, sums.Select(s => (float)s).ToArray());
        Assert.Equal(modelScores, staged[^rows.RowCount..]);
    }

    [Theory]
    [InlineData("fastforest")]
    [InlineData("sdca")]
    public void Train_NotBoosted_NoCurve(string trainer)
    {
        var spec = new TrainingSpec { Label = "income", Task = TaskKind.Binary, Trainer = trainer, Validation = new ValidationSpec { Folds = 0 } };

        var outcome = ModelTrainer.Train(TestTables.Adult(600), spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(outcome.Evaluation);
        Assert.Empty(outcome.IterationMetrics);
    }

    [Fact]
    public void Train_BoostedMulticlass_NoCurve()
    {
        var outcome = TrainedModels.IrisMulticlass;

        Assert.Equal("lightgbm", outcome.Trainer.Name);
        Assert.NotNull(outcome.Evaluation);
        Assert.Empty(outcome.IterationMetrics);
    }

    [Fact]
    public void Train_NoEvaluationRows_NoCurve()
    {
        var spec = new TrainingSpec
        {
            Label = "income",
            Task = TaskKind.Binary,
            Hyperparameters = new Dictionary<string, string> { ["num_iterations"] = "10" },
            Validation = new ValidationSpec { HoldoutFraction = 0, Folds = 0 },
        };

        var outcome = ModelTrainer.Train(TestTables.Adult(600), spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(outcome.Evaluation);
        Assert.Empty(outcome.IterationMetrics);
    }

    private static (TrainingOutcome Outcome, DataTable Test) Train(string trainer, TaskKind task) =>
        Trained.GetOrAdd((trainer, task), key => new Lazy<(TrainingOutcome, DataTable)>(() =>
        {
            var data = key.Task == TaskKind.Binary ? TestTables.Adult(2000) : TestTables.Wine(2000);
            var train = data.Take([.. Enumerable.Range(0, data.RowCount).Where(r => r % 5 != 0)]);
            var test = data.Take([.. Enumerable.Range(0, data.RowCount).Where(r => r % 5 == 0)]);
            var spec = new TrainingSpec
            {
                Label = key.Task == TaskKind.Binary ? "income" : "quality",
                Task = key.Task,
                Trainer = key.Trainer,
                Hyperparameters = new Dictionary<string, string> { ["num_iterations"] = Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                Validation = new ValidationSpec { Folds = 0 },
            };
            return (ModelTrainer.Train(train, test, spec), test);
        })).Value;
}
