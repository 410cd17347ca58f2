using Gyre.Core;
using Gyre.Pipelines.Tuning;
using Gyre.Training.Specs;
using Gyre.Tuning;

namespace Gyre.Cli.Tests.Tune;

/// <summary>Reading tuning specs: the issue's example, name resolution, defaults, and errors naming file, line and field.</summary>
public sealed class TuneSpecYamlTests
{
    private const string Source = "/specs/fraud-tune.yaml";

    /// <summary>The spec format's example from issue #7, with ML.NET option names, read against LightGBM (a boosted trainer).</summary>
    private const string IssueExample = """
        data: data/fraud.csv
        label: is_fraud
        task: binary
        trainer: lightgbm
        metric: roc_auc              # direction follows the metric unless `direction:` is given
        validation: {kind: kfold, folds: 5}
        trials: 30
        search_space:
          numberOfTrees: {type: int, low: 50, high: 200}
          numberOfLeaves: {type: int, low: 4, high: 64, log: true}
          learningRate: {type: float, low: 0.01, high: 0.3, log: true}   # for boosted trainers
          featureFraction: {type: categorical, choices: [0.5, 0.7, 1.0]}
        """;

    [Fact]
    public void Parse_IssueExample_ResolvesMlNetNamesToTheTrainersHyperparameters()
    {
        var spec = TuneSpecYaml.Parse(IssueExample, Source);

        Assert.Equal(TaskKind.Binary, spec.Task);
        Assert.Equal("roc_auc", spec.Metric);
        Assert.Equal(StudyDirection.Maximize, spec.Direction);
        Assert.Equal(TuneValidationKind.KFold, spec.Validation.Kind);
        Assert.Equal(5, spec.Validation.Folds);
        Assert.Equal(30, spec.Trials);
        Assert.Equal("fraud-tune", spec.Study);
        Assert.Equal(["num_iterations", "num_leaves", "learning_rate", "feature_fraction"], spec.SearchSpace.Select(p => p.Name));
        var leaves = spec.SearchSpace[1];
        Assert.Equal((SearchParameterType.WholeNumber, 4.0, 64.0, true), (leaves.Type, leaves.Low, leaves.High, leaves.Log));
        Assert.Equal([0.5, 0.7, 1.0], spec.SearchSpace[3].Choices.Cast<double>());
    }

    [Theory]
    [InlineData("numberOfTrees")]
    [InlineData("NUM_TREES")]
    [InlineData("n_estimators")]
    [InlineData("NumTrees")]
    public void Parse_FastForestTreeCount_AnySpellingIsCaseInsensitive(string name)
    {
        var spec = TuneSpecYaml.Parse(Spec("fastforest", $"{name}: {{type: int, low: 50, high: 200}}"), Source);

        Assert.Equal("num_trees", Assert.Single(spec.SearchSpace).Name);
        Assert.Equal(name, spec.SearchSpace[0].SpecName);
    }

    [Theory]
    [InlineData("log_loss", StudyDirection.Minimize)]
    [InlineData("f1", StudyDirection.Maximize)]
    [InlineData("ROC_AUC", StudyDirection.Maximize)]
    public void Parse_NoDirection_FollowsTheMetric(string metric, StudyDirection expected)
    {
        var spec = TuneSpecYaml.Parse(Spec("fastforest", "num_trees: {type: int, low: 5, high: 10}", $"metric: {metric}"), Source);

        Assert.Equal(expected, spec.Direction);
    }

    [Fact]
    public void Parse_ExplicitDirectionTimeoutAndHoldout_AreRead()
    {
        var spec = TuneSpecYaml.Parse(
            Spec("fastforest", "num_trees: {type: int, low: 5, high: 10}", "metric: accuracy\ndirection: minimize\ntimeout: 1h30m\nvalidation: {kind: holdout, test_fraction: 0.3}\nsampler: random\npruner: none\nstudy: s1"),
            Source);

        Assert.Equal(StudyDirection.Minimize, spec.Direction);
        Assert.Equal(TimeSpan.FromMinutes(90), spec.Timeout);
        Assert.Equal(0.3, spec.Validation.TestFraction);
        Assert.Equal(("random", "none", "s1"), (spec.Sampler, spec.Pruner, spec.Study));
    }

    [Fact]
    public void Parse_HyperparameterTheTrainerLacks_NamesFileFieldAndValidNames()
    {
        // learning_rate belongs to boosted trainers, not to the random forest.
        var ex = Assert.Throws<GyreException>(() => TuneSpecYaml.Parse(Spec("fastforest", "learning_rate: {type: float, low: 0.01, high: 0.3}"), Source));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.StartsWith($"{Source} line 6,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("search_space.learning_rate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("num_trees", ex.Message, StringComparison.Ordinal);
        Assert.Contains("num_leaves", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("num_trees: {type: float, low: 5, high: 10}", "search_space.num_trees.type")]
    [InlineData("num_trees: {type: int, low: 0, high: 10}", "search_space.num_trees.low")]
    [InlineData("num_trees: {type: int, low: 20, high: 10}", "search_space.num_trees")]
    [InlineData("num_trees: {type: int, low: 5}", "search_space.num_trees.high")]
    [InlineData("num_trees: {type: int, low: 5, high: 10, bogus: 1}", "bogus")]
    [InlineData("feature_fraction: {type: categorical, choices: [0.5, 2]}", "search_space.feature_fraction.choices")]
    [InlineData("feature_fraction: {type: real, low: 0.1, high: 0.9}", "search_space.feature_fraction.type")]
    public void Parse_BadSearchSpaceEntry_NamesFileAndField(string entry, string field)
    {
        var ex = Assert.Throws<GyreException>(() => TuneSpecYaml.Parse(Spec("fastforest", entry), Source));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.StartsWith(Source, ex.Message, StringComparison.Ordinal);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metric: rmse", "metric")]
    [InlineData("validation: {kind: kfold, test_fraction: 0.2}", "validation.test_fraction")]
    [InlineData("validation: {kind: kfold, folds: 1}", "validation.folds")]
    [InlineData("timeout: soon", "timeout")]
    [InlineData("sampler: cmaes", "sampler")]
    [InlineData("pruner: patient", "pruner")]
    [InlineData("trials: 0", "trials")]
    [InlineData("colour: blue", "colour")]
    public void Parse_BadTopLevelField_NamesFileLineAndField(string extra, string field)
    {
        var ex = Assert.Throws<GyreException>(() => TuneSpecYaml.Parse(Spec("fastforest", "num_trees: {type: int, low: 5, high: 10}", extra), Source));

        Assert.Matches($"^{Source} line \\d+, column \\d+: ", ex.Message);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingSearchSpace_NamesTheField()
    {
        var ex = Assert.Throws<GyreException>(() => TuneSpecYaml.Parse("data: a.csv\nlabel: y\ntask: binary\n", Source));

        Assert.Contains(Source, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'search_space'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A spec whose search space (line 6 on) is <paramref name="entry"/>, with <paramref name="extra"/> top-level lines after it.</summary>
    private static string Spec(string trainer, string entry, string extra = "") =>
        $"data: fraud.csv\nlabel: is_fraud\ntask: binary\ntrainer: {trainer}\nsearch_space:\n  {entry}\n{extra}\n";
}
