using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Evaluation;
using Gyre.Training.Packaging;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Evaluation;

public sealed class PackageEvaluatorTests
{
    private static async Task<ModelPackage> SaveAsync(TrainingOutcome outcome, TempDirectory temp) =>
        await ModelPackage.SaveAsync(outcome.Model, Path.Combine(temp.Path, "model"), new PackageSaveOptions(), TestContext.Current.CancellationToken);

    private static DataTable IrisWith(Func<string[], int, string[]> edit)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "iris-edited.csv");
        var lines = TestTables.Iris().SourcePath is { } source ? File.ReadAllLines(source) : throw new InvalidOperationException();
        var edited = lines.Select((line, index) => index == 0 ? line : string.Join(',', edit(line.Split(','), index + 1)));
        return TestTables.FromCsv(string.Join('\n', edited), path);
    }

    [Fact]
    public async Task Evaluate_TrainingTestTable_MetricsEqualTrainingMetrics()
    {
        using var temp = new TempDirectory();
        var adult = TestTables.Adult(3000);
        var train = adult.Take([.. Enumerable.Range(0, 2000)]);
        var test = adult.Take([.. Enumerable.Range(2000, 1000)]);
        var outcome = ModelTrainer.Train(train, test, new TrainingSpec
        {
            Label = "income",
            Task = TaskKind.Binary,
            Hyperparameters = new Dictionary<string, string> { ["num_iterations"] = "30" },
            Validation = new ValidationSpec { Folds = 0 },
        }, cancellationToken: TestContext.Current.CancellationToken);
        var package = await SaveAsync(outcome, temp);

        var evaluation = PackageEvaluator.Evaluate(package, test, TestContext.Current.CancellationToken);

        Assert.Equal(1000, evaluation.RowCount);
        Assert.Equal(outcome.Evaluation!.Metrics.Keys, evaluation.Metrics.Keys);
        foreach (var (metric, value) in outcome.Evaluation.Metrics)
        {
            Assert.Equal(value, evaluation.Metrics[metric]);
        }
    }

    [Fact]
    public async Task Evaluate_MulticlassHoldoutRowsAgain_MetricsOnAllRowsEqualMetricsOnIdentityResample()
    {
        using var temp = new TempDirectory();
        var package = await SaveAsync(TrainedModels.IrisMulticlass, temp);
        var iris = TestTables.Iris();

        var evaluation = PackageEvaluator.Evaluate(package, iris, TestContext.Current.CancellationToken);

        Assert.Equal(iris.RowCount, evaluation.RowCount);
        Assert.Contains("micro_accuracy", evaluation.Metrics.Keys);
        Assert.Equal(evaluation.Metrics, evaluation.MetricsOn([.. Enumerable.Range(0, iris.RowCount)]));
    }

    [Fact]
    public async Task Evaluate_LabelNotATrainingClass_ThrowsNamingLine()
    {
        using var temp = new TempDirectory();
        var package = await SaveAsync(TrainedModels.IrisMulticlass, temp);
        var data = IrisWith((fields, line) => line == 7 ? [.. fields[..^1], "Iris-unknown"] : fields);

        var error = Assert.Throws<GyreException>(() => PackageEvaluator.Evaluate(package, data, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("line 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("Iris-unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MissingLabel_ThrowsNamingLine()
    {
        using var temp = new TempDirectory();
        var package = await SaveAsync(TrainedModels.IrisMulticlass, temp);
        var data = IrisWith((fields, line) => line == 12 ? [.. fields[..^1], "?"] : fields);

        var error = Assert.Throws<GyreException>(() => PackageEvaluator.Evaluate(package, data, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("line(s) 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_RowBreaksSignature_ThrowsNamingFileAndLine()
    {
        using var temp = new TempDirectory();
        var package = await SaveAsync(TrainedModels.IrisMulticlass, temp);
        var data = IrisWith((fields, line) => line == 9 ? ["wide", .. fields[1..]] : fields);

        var error = Assert.Throws<GyreException>(() => PackageEvaluator.Evaluate(package, data, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("iris-edited.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("sepal_length", error.Message, StringComparison.Ordinal);
    }
}
