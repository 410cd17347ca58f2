using Gyre.Cli.Commands.Tune;
using Gyre.Cli.Tests.Support;
using Gyre.Core;
using Gyre.Pipelines.Tuning;
using Gyre.Tuning;

namespace Gyre.Cli.Tests.Tune;

/// <summary>`gyre tune` with the spec given as flags instead of a file.</summary>
[Collection(TunedWorkspaceSharing.Name)]
public sealed class TuneFlagsTests(TunedWorkspace workspace)
{
    [Fact]
    public void Flags_BecomeTheSameSpecAsTheYaml()
    {
        var flags = new TuneFlags("data/fraud.csv", "is_fraud", "binary", "lightgbm", "log_loss", "kfold:3", "random", "asha",
            ["num_leaves=int:4:64:log", "learning_rate=float:0.01:0.3", "feature_fraction=categorical:0.5,0.7,1.0"]);

        var spec = TuneSpecYaml.Parse(flags.ToYaml("/data/fraud.csv"), "flags");

        Assert.Equal(("/data/fraud.csv", "is_fraud", "lightgbm", "log_loss"), (spec.Data, spec.Label, spec.Trainer, spec.Metric));
        Assert.Equal(StudyDirection.Minimize, spec.Direction);
        Assert.Equal((TuneValidationKind.KFold, 3), (spec.Validation.Kind, spec.Validation.Folds));
        Assert.Equal(("random", "asha", "fraud-lightgbm"), (spec.Sampler, spec.Pruner, spec.Study));
        Assert.Equal(["num_leaves", "learning_rate", "feature_fraction"], spec.SearchSpace.Select(p => p.Name));
        Assert.True(spec.SearchSpace[0].Log);
        Assert.Equal(3, spec.SearchSpace[2].Choices.Count);
    }

    [Theory]
    [InlineData("num_leaves=int:4", "--param 'num_leaves=int:4'")]
    [InlineData("num_leaves", "--param 'num_leaves'")]
    [InlineData("num_leaves=int:4:x", "--param 'num_leaves=int:4:x'")]
    public void BadParam_NamesTheFlag(string param, string expected)
    {
        var flags = new TuneFlags("d.csv", "y", "binary", null, null, null, null, null, [param]);
        var ex = Assert.Throws<GyreException>(() => flags.ToYaml("/d.csv"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadValidation_NamesTheFlag()
    {
        var flags = new TuneFlags("d.csv", "y", "binary", null, null, "kfold:three", null, null, ["num_leaves=int:4:8"]);
        var ex = Assert.Throws<GyreException>(() => flags.ToYaml("/d.csv"));
        Assert.Contains("--validation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tune_WithoutSpec_RunsFromFlags()
    {
        var result = await workspace.Cli.RunAsync("tune", "--data", "fraud.csv", "--label", "is_fraud", "--task", "binary",
            "--trainer", "fastforest", "--param", "num_trees=int:10:30", "--param", "num_leaves=int:4:16:log",
            "--trials", "2", "--study", "flags-" + Guid.NewGuid().ToString("N"), "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("roc_auc", json["metric"]!.GetValue<string>());
        Assert.Equal(2, json["trials"]!["complete"]!.GetValue<int>() + json["trials"]!["pruned"]!.GetValue<int>());
        Assert.InRange(json["best_trial"]!["params"]!["num_trees"]!.GetValue<long>(), 10, 30);
    }

    [Fact]
    public async Task Tune_NeitherSpecNorData_FailsSayingWhatToGive()
    {
        var result = await workspace.Cli.RunAsync("tune", "--label", "y");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("--spec", result.Error, StringComparison.Ordinal);
        Assert.Contains("--data", result.Error, StringComparison.Ordinal);
    }
}
