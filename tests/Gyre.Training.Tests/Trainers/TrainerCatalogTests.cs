using Gyre.Core;
using Gyre.Training.Specs;
using Gyre.Training.Trainers;

namespace Gyre.Training.Tests.Trainers;

public sealed class TrainerCatalogTests
{
    [Fact]
    public void Resolve_NoHyperparameters_FillsDocumentedDefaults()
    {
        var resolved = TrainerCatalog.Resolve("lightgbm", TaskKind.Binary, new Dictionary<string, string>());

        Assert.Equal("lightgbm", resolved.Name);
        Assert.Equal(
            ["feature_fraction", "l2", "learning_rate", "max_depth", "min_data_in_leaf", "num_iterations", "num_leaves"],
            resolved.EffectiveHyperparameters.Keys);
        Assert.Equal("31", resolved.EffectiveHyperparameters["num_leaves"]);
        Assert.Equal("0.1", resolved.EffectiveHyperparameters["learning_rate"]);
    }

    [Fact]
    public void Resolve_AliasAndNonCanonicalValue_ReportsCanonicalNameAndValue()
    {
        var resolved = TrainerCatalog.Resolve("LightGBM", TaskKind.Regression, new Dictionary<string, string> { ["n_estimators"] = "250", ["learning_rate"] = "5e-2" });

        Assert.Equal("250", resolved.EffectiveHyperparameters["num_iterations"]);
        Assert.Equal("0.05", resolved.EffectiveHyperparameters["learning_rate"]);
        Assert.False(resolved.EffectiveHyperparameters.ContainsKey("n_estimators"));
    }

    [Theory]
    [InlineData("fastforest", null, "5", "32")]    // depth 5: a budget of 2^5 leaves
    [InlineData("fastforest", "20", "10", "20")]   // both given: the smaller
    [InlineData("fasttree", "100", "3", "8")]
    [InlineData("fastforest", null, "20", "131072")] // 2^20 capped at the catalog's maximum
    [InlineData("fastforest", null, "0", "20")]    // 0: no limit, the default leaves
    public void Resolve_MaxDepthOfLeafWiseTrees_BecomesALeafBudget(string trainer, string? leaves, string depth, string expectedLeaves)
    {
        var given = new Dictionary<string, string> { ["max_depth"] = depth };
        if (leaves is not null) given["num_leaves"] = leaves;
        var resolved = TrainerCatalog.Resolve(trainer, TaskKind.Binary, given);
        Assert.Equal(expectedLeaves, resolved.EffectiveHyperparameters["num_leaves"]);
        Assert.Equal(depth, resolved.EffectiveHyperparameters["max_depth"]);
    }

    [Fact]
    public void Resolve_MaxDepthOfLightGbm_LeavesNumLeavesAlone()
    {
        var resolved = TrainerCatalog.Resolve("lightgbm", TaskKind.Binary, new Dictionary<string, string> { ["max_depth"] = "4" });
        Assert.Equal("31", resolved.EffectiveHyperparameters["num_leaves"]);
        Assert.Equal("4", resolved.EffectiveHyperparameters["max_depth"]);
    }

    [Theory]
    [InlineData(TaskKind.Binary, "lbfgs")]
    [InlineData(TaskKind.Multiclass, "lbfgs")]
    [InlineData(TaskKind.Regression, "sdca")]
    public void Resolve_LinearAlias_PicksConcreteTrainerPerTask(TaskKind task, string expected) =>
        Assert.Equal(expected, TrainerCatalog.Resolve("linear", task, new Dictionary<string, string>()).Name);

    [Fact]
    public void Resolve_UnknownTrainer_ListsValidTrainers()
    {
        var ex = Assert.Throws<GyreException>(() => TrainerCatalog.Resolve("xgboost", TaskKind.Binary, new Dictionary<string, string>()));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("'xgboost'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lightgbm, fasttree, fastforest, sdca, lbfgs, linear", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownHyperparameter_ListsValidOnes()
    {
        var ex = Assert.Throws<GyreException>(() => TrainerCatalog.Resolve("fastforest", TaskKind.Binary, new Dictionary<string, string> { ["learning_rate"] = "0.1" }));

        Assert.Contains("'learning_rate'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("num_trees (alias n_estimators, num_iterations), num_leaves, min_data_in_leaf, feature_fraction, max_depth", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("num_leaves", "1")]
    [InlineData("num_leaves", "2.5")]
    [InlineData("feature_fraction", "1.5")]
    [InlineData("learning_rate", "NaN")]
    public void Resolve_OutOfRangeOrMistypedValue_ThrowsNamingHyperparameter(string name, string value)
    {
        var ex = Assert.Throws<GyreException>(() => TrainerCatalog.Resolve("lightgbm", TaskKind.Binary, new Dictionary<string, string> { [name] = value }));

        Assert.Contains($"'{name}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_LbfgsRegression_ThrowsSuggestingAlternatives()
    {
        var ex = Assert.Throws<GyreException>(() => TrainerCatalog.Resolve("lbfgs", TaskKind.Regression, new Dictionary<string, string>()));

        Assert.Contains("does not support regression", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sdca", ex.Message, StringComparison.Ordinal);
    }
}
