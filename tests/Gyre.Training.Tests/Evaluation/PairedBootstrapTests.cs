using Gyre.Core;
using Gyre.Training.Evaluation;
using Gyre.Training.Packaging;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Evaluation;

public sealed class PairedBootstrapTests
{
    private static async Task<(PackageEvaluation Weak, PackageEvaluation Strong)> EvaluateTwoAsync(TempDirectory temp)
    {
        var ct = TestContext.Current.CancellationToken;
        var adult = TestTables.Adult(2600);
        var test = adult.Take([.. Enumerable.Range(2000, 600)]);
        TrainingOutcome Train(int rows, string iterations) => ModelTrainer.Train(adult.Take([.. Enumerable.Range(0, rows)]), test, new TrainingSpec
        {
            Label = "income",
            Task = TaskKind.Binary,
            Hyperparameters = new Dictionary<string, string> { ["num_iterations"] = iterations },
            Validation = new ValidationSpec { Folds = 0 },
        }, cancellationToken: ct);
        var weak = await ModelPackage.SaveAsync(Train(200, "2").Model, Path.Combine(temp.Path, "weak"), new PackageSaveOptions(), ct);
        var strong = await ModelPackage.SaveAsync(Train(2000, "50").Model, Path.Combine(temp.Path, "strong"), new PackageSaveOptions(), ct);
        return (PackageEvaluator.Evaluate(weak, test, ct), PackageEvaluator.Evaluate(strong, test, ct));
    }

    [Fact]
    public async Task Improvement_SameEvaluationBothSides_IntervalIsExactlyZero()
    {
        using var temp = new TempDirectory();
        var (weak, _) = await EvaluateTwoAsync(temp);

        var interval = PairedBootstrap.Improvement(weak, weak, "roc_auc", higherIsBetter: true, replicates: 200, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0.0, interval.Lower);
        Assert.Equal(0.0, interval.Upper);
        Assert.Equal(200, interval.Replicates);
    }

    [Fact]
    public async Task Improvement_SameSeed_SameIntervalAroundObservedDifference()
    {
        using var temp = new TempDirectory();
        var (weak, strong) = await EvaluateTwoAsync(temp);

        var first = PairedBootstrap.Improvement(weak, strong, "roc_auc", higherIsBetter: true, replicates: 300, seed: 7, cancellationToken: TestContext.Current.CancellationToken);
        var second = PairedBootstrap.Improvement(weak, strong, "roc_auc", higherIsBetter: true, replicates: 300, seed: 7, cancellationToken: TestContext.Current.CancellationToken);
        var reversed = PairedBootstrap.Improvement(strong, weak, "roc_auc", higherIsBetter: true, replicates: 300, seed: 7, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        var observed = strong.Metrics["roc_auc"] - weak.Metrics["roc_auc"];
        Assert.InRange(observed, first.Lower, first.Upper);
        Assert.True(first.Lower < first.Upper);
        // Swapping the models negates every replicate's difference, so the interval mirrors (up to rounding).
        Assert.Equal(-first.Upper, reversed.Lower, 12);
        Assert.Equal(-first.Lower, reversed.Upper, 12);
    }

    [Fact]
    public async Task Improvement_LowerIsBetterMetric_SignFollowsDirection()
    {
        using var temp = new TempDirectory();
        var (weak, strong) = await EvaluateTwoAsync(temp);

        var interval = PairedBootstrap.Improvement(weak, strong, "log_loss", higherIsBetter: false, replicates: 200, cancellationToken: TestContext.Current.CancellationToken);

        var observed = weak.Metrics["log_loss"] - strong.Metrics["log_loss"];
        Assert.InRange(observed, interval.Lower, interval.Upper);
    }

    [Fact]
    public async Task Improvement_UnknownMetric_ThrowsInvalidInput()
    {
        using var temp = new TempDirectory();
        var (weak, strong) = await EvaluateTwoAsync(temp);

        var error = Assert.Throws<GyreException>(() => PairedBootstrap.Improvement(weak, strong, "rmse", higherIsBetter: false, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }
}
