using Gyre.Core;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;

namespace Gyre.Training.Tests.Specs;

public sealed class TrainingSpecYamlTests
{
    [Fact]
    public async Task LoadAsync_FullSpec_ReadsEveryField()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "spec.yaml");
        await File.WriteAllTextAsync(path, """
            label: income
            task: binary
            trainer: lightgbm
            hyperparameters:
              num_leaves: 15
              n_estimators: 200
            seed: 7
            positive_class: ">50K"
            validation:
              holdout_fraction: 0.25
              folds: 3
              stratified: false
            featurization:
              one_hot_max_cardinality: 50
              hash_bits: 12
              columns:
                occupation: hash
                notes: text
                id: ignore
            ignore: [fnlwgt]
            permutation_importance: true
            permutation_repeats: 2
            """, TestContext.Current.CancellationToken);

        var spec = await TrainingSpecYaml.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("income", spec.Label);
        Assert.Equal(TaskKind.Binary, spec.Task);
        Assert.Equal("15", spec.Hyperparameters["num_leaves"]);
        Assert.Equal("200", spec.Hyperparameters["num_iterations"]);
        Assert.Equal(7, spec.Seed);
        Assert.Equal(">50K", spec.PositiveClass);
        Assert.Equal(new ValidationSpec { HoldoutFraction = 0.25, Folds = 3, Stratified = false }, spec.Validation);
        Assert.Equal(50, spec.Featurization.OneHotMaxCardinality);
        Assert.Equal(12, spec.Featurization.HashBits);
        Assert.Equal(FeatureKind.Hash, spec.Featurization.Columns["occupation"]);
        Assert.Equal(FeatureKind.Text, spec.Featurization.Columns["notes"]);
        Assert.Equal(FeatureKind.Ignore, spec.Featurization.Columns["id"]);
        Assert.Equal(["fnlwgt"], spec.Ignore);
        Assert.True(spec.PermutationImportance);
        Assert.Equal(2, spec.PermutationRepeats);
    }

    [Fact]
    public void Parse_MinimalSpec_UsesDefaults()
    {
        var spec = TrainingSpecYaml.Parse("label: quality\ntask: regression\n", "spec.yaml");

        Assert.Equal("lightgbm", spec.Trainer);
        Assert.Equal(42, spec.Seed);
        Assert.Equal(0.2, spec.Validation.HoldoutFraction);
        Assert.Equal(5, spec.Validation.Folds);
        Assert.Empty(spec.Hyperparameters);
    }

    [Theory]
    [InlineData("label: y\ntask: binary\nlerning_rate: 0.1\n", "line 3, column 1", "'lerning_rate'")]
    [InlineData("label: y\ntask: binary\nvalidation:\n  fold: 3\n", "line 4, column 3", "'fold'")]
    [InlineData("label: y\ntask: binomial\n", "line 2, column 7", "binomial")]
    [InlineData("label: y\ntask: binary\nseed: abc\n", "line 3, column 7", "'seed'")]
    [InlineData("label: y\ntask: binary\nvalidation:\n  holdout_fraction: 1.5\n", "line 4, column 21", "holdout_fraction")]
    [InlineData("label: y\ntask: binary\ntrainer: xgboost\n", "line 3, column 10", "lightgbm, fasttree, fastforest, sdca, lbfgs, linear")]
    [InlineData("label: y\ntask: regression\ntrainer: lbfgs\n", "line 3, column 10", "does not support regression")]
    [InlineData("label: y\ntask: binary\nhyperparameters:\n  num_leafs: 3\n", "line 4, column 3", "num_leaves")]
    [InlineData("label: y\ntask: binary\nhyperparameters:\n  num_leaves: many\n", "line 4, column 15", "'num_leaves'")]
    [InlineData("label: y\ntask: binary\nfeaturization:\n  columns:\n    city: onehotx\n", "line 5, column 11", "featurization.columns.city")]
    public void Parse_BadSpec_ErrorNamesFileLineAndKey(string yaml, string where, string what)
    {
        var ex = Assert.Throws<GyreException>(() => TrainingSpecYaml.Parse(yaml, "spec.yaml"));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.StartsWith($"spec.yaml {where}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingLabel_ErrorNamesKey()
    {
        var ex = Assert.Throws<GyreException>(() => TrainingSpecYaml.Parse("task: binary\n", "spec.yaml"));

        Assert.Contains("'label'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNotFound()
    {
        var ex = await Assert.ThrowsAsync<GyreException>(() => TrainingSpecYaml.LoadAsync("/nonexistent/spec.yaml", TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.NotFound, ex.Kind);
    }
}
