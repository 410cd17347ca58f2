using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Commands;

/// <summary>
/// `gyre train` on its own workspace per test: YAML specs, multiclass and regression, and failures (which
/// must leave no RUNNING run behind). The JSON report and tracking of a successful binary training are in
/// <see cref="TrainCommandTrackingTests"/>.
/// </summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Train_SpecWithRelativeDataAndTrainerFlag_ReadsDataBesideSpecAndFlagWins()
    {
        var specCli = _folder.Cli("specs");
        var dataPath = await FraudData.SynthAsync(specCli, "fraud.csv", rows: 1500);
        _folder.Write(Path.Combine("specs", "train.yaml"), """
            # data is relative to this file, not to the working folder
            data: fraud.csv
            label: is_fraud
            task: binary
            trainer: fasttree
            experiment: from-spec
            seed: 5
            validation:
              folds: 2
              holdout_fraction: 0.25
            """);
        var cli = _folder.Cli("work");

        var report = (await cli.RunOkAsync("train", "--spec", "../specs/train.yaml", "--trainer", "lbfgs", "--json")).Json();
        var run = (await cli.RunOkAsync("runs", "show", Str(report, "run_id"), "--json")).Json()["run"]!;

        Assert.Equal("lbfgs", Str(report, "trainer"));
        Assert.Equal("binary", Str(report, "task"));
        Assert.Equal(FraudData.Label, Str(report, "label"));
        Assert.Equal(2, report["cross_validation"]!["roc_auc"]!["folds"]!.AsArray().Count);
        Assert.InRange(report["evaluation_rows"]!.GetValue<int>(), 370, 380);
        var parameters = run["params"]!;
        Assert.Equal(dataPath, Str(parameters, "data"));
        Assert.Equal("lbfgs", Str(parameters, "trainer"));
        Assert.Equal("5", Str(parameters, "seed"));
        Assert.Equal("2", Str(parameters, "validation.folds"));
        Assert.Equal("0.25", Str(parameters, "validation.holdout_fraction"));
        var experiments = (await cli.RunOkAsync("experiments", "list", "--json")).Json()["experiments"]!.AsArray();
        Assert.Equal(report["experiment_id"]!.GetValue<string>(), Str(experiments.Single(e => Str(e!, "name") == "from-spec")!, "experiment_id"));
    }

    [Fact]
    public async Task Train_SpecWithUnknownKey_ExitsOneNamingLineAndKey()
    {
        var spec = _folder.Write("train.yaml", "data: fraud.csv\nlabel: is_fraud\ntask: binary\nlearning_rat: 0.1\n");

        var result = await _folder.Cli().RunAsync("train", "--spec", "train.yaml");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(spec, result.Error, StringComparison.Ordinal);
        Assert.Contains("line 4", result.Error, StringComparison.Ordinal);
        Assert.Contains("'learning_rat'", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await RunCountAsync());
    }

    [Fact]
    public async Task Train_IrisMulticlass_ReportsMulticlassMetrics()
    {
        File.Copy(Path.Combine(RepositoryFiles.Root, "datasets", "iris", "iris.csv"), _folder.Combine("iris.csv"));
        var cli = _folder.Cli();

        var report = (await cli.RunOkAsync("train", "--data", "iris.csv", "--label", "class", "--task", "multiclass", "--folds", "3", "--json")).Json();

        var metrics = Metrics(report);
        Assert.Equal("multiclass", Str(report, "task"));
        Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], report["class_names"]!.AsArray().Select(c => c!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.InRange(metrics["micro_accuracy"], 0.8, 1.0);
        Assert.InRange(metrics["macro_accuracy"], 0.8, 1.0);
        Assert.InRange(metrics["log_loss"], 0.0, 1.0);
        Assert.DoesNotContain("roc_auc", metrics.Keys);
        Assert.DoesNotContain("rmse", metrics.Keys);
        Assert.Equal(3, report["cross_validation"]!["micro_accuracy"]!["folds"]!.AsArray().Count);
        var matrix = report["confusion_matrix"]!["counts"]!.AsArray();
        Assert.Equal(report["evaluation_rows"]!.GetValue<int>(), matrix.Sum(row => row!.AsArray().Sum(c => c!.GetValue<int>())));
    }

    [Fact]
    public async Task Train_WineRegression_ReportsRegressionMetrics()
    {
        var lines = File.ReadLines(Path.Combine(RepositoryFiles.Root, "datasets", "wine-quality", "winequality.csv")).Take(801);
        _folder.Write("wine.csv", string.Join('\n', lines) + "\n");
        var cli = _folder.Cli();

        var report = (await cli.RunOkAsync("train", "--data", "wine.csv", "--label", "quality", "--task", "regression", "--folds", "2", "--json")).Json();

        var metrics = Metrics(report);
        Assert.Equal("regression", Str(report, "task"));
        Assert.Equal(800, report["training_rows"]!.GetValue<int>() + report["evaluation_rows"]!.GetValue<int>());
        Assert.True(metrics["rmse"] >= metrics["mae"] && metrics["mae"] > 0, $"rmse {metrics["rmse"]} must be >= mae {metrics["mae"]} > 0");
        Assert.InRange(metrics["r2"], 0.0, 1.0);
        Assert.DoesNotContain("micro_accuracy", metrics.Keys);
        Assert.DoesNotContain("roc_auc", metrics.Keys);
        Assert.Null(report["confusion_matrix"]);
        Assert.Equal(2, report["cross_validation"]!["rmse"]!["folds"]!.AsArray().Count);
    }

    [Fact]
    public async Task Train_UnknownLabelColumn_ExitsOneNamingColumnAndFileWithoutRun()
    {
        var cli = _folder.Cli();
        var data = await FraudData.SynthAsync(cli, "fraud.csv", rows: 200);

        var result = await cli.RunAsync("train", "--data", "fraud.csv", "--label", "is_fruad", "--task", "binary");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("'is_fruad'", result.Error, StringComparison.Ordinal);
        Assert.Contains(data, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await RunCountAsync());
    }

    [Fact]
    public async Task Train_MissingDataFile_ExitsOneNamingFile()
    {
        var result = await _folder.Cli().RunAsync("train", "--data", "absent.csv", "--label", "y", "--task", "binary");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(_folder.Combine("absent.csv"), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_WithoutLabel_ExitsOneNamingTheOption()
    {
        var result = await _folder.Cli().RunAsync("train", "--data", "fraud.csv", "--task", "binary");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("--label", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("num_leaves=-3", "num_leaves")]
    [InlineData("num_leaves=many", "num_leaves")]
    [InlineData("leaves_num=8", "leaves_num")]
    [InlineData("num_leaves", "num_leaves")]
    public async Task Train_BadHyperparameter_ExitsOneNamingItWithoutRun(string parameter, string named)
    {
        var cli = _folder.Cli();
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 200);

        var result = await cli.RunAsync("train", "--data", "fraud.csv", "--label", FraudData.Label, "--task", "binary", "-p", parameter);

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await RunCountAsync());
    }

    [Fact]
    public async Task Train_BinaryLabelWithThreeValues_ExitsOneAndMarksRunFailed()
    {
        var cli = _folder.Cli();
        var data = await FraudData.SynthAsync(cli, "fraud.csv", rows: 300);
        var label = FraudData.ColumnIndex(data, FraudData.Label);
        for (var line = 2; line <= 301; line++)
        {
            FraudData.SetField(data, line, label, (line % 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var result = await cli.RunAsync("train", "--data", "fraud.csv", "--label", FraudData.Label, "--task", "binary", "--folds", "2", "--json");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("3", result.Error, StringComparison.Ordinal);
        Assert.Contains("'is_fraud'", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
        // The label is checked after the run starts: the run exists, marked FAILED and ended, never left RUNNING.
        var runs = (await cli.RunOkAsync("runs", "list", "--json")).Json()["runs"]!.AsArray();
        var run = Assert.Single(runs)!;
        Assert.Equal("FAILED", Str(run, "status"));
        Assert.NotNull(run["end_time"]);
        Assert.Equal(data, Str(run["params"]!, "data"));
    }

    private async Task<int> RunCountAsync() =>
        (await _folder.Cli().RunOkAsync("runs", "list", "--all", "--json")).Json()["runs"]!.AsArray().Count;

    private static string Str(JsonNode node, string key) => node[key]?.GetValue<string>() ?? throw new KeyNotFoundException($"'{key}' missing in {node.ToJsonString()}");

    private static Dictionary<string, double> Metrics(JsonNode report) =>
        report["metrics"]!.AsObject().ToDictionary(m => m.Key, m => m.Value!.GetValue<double>());
}
