using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Monitor;

/// <summary>
/// `gyre monitor report` and `status` on files: the shared workspace's first run registered under a fresh name is
/// the model, its package's monitoring profile the default reference, and synthetic fraud files the current data.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class MonitorReportTests(TrainedWorkspace workspace)
{
    private async Task<string> RegisterAsync()
    {
        var name = "fraud-" + Guid.NewGuid().ToString("N")[..8];
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", TrainedWorkspace.RunId(workspace.First));
        return name;
    }

    private async Task<string> SynthAsync(string folder, string drift, int seed, int rows = 2000)
    {
        var path = Path.Combine(folder, $"{drift}-{seed}.csv");
        await workspace.Cli.RunOkAsync("data", "synth", "fraud", "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--drift", drift, "--output", path);
        return path;
    }

    private static JsonNode Column(JsonNode report, string name) =>
        report["drift"]!["columns"]!.AsArray().Single(c => c!["column"]!.GetValue<string>() == name)!;

    [Fact]
    public async Task Report_PackageProfileAgainstCovariateDrift_DatasetDriftOnInputsPredictionAndHtml()
    {
        var name = await RegisterAsync();
        var folder = workspace.NewScratchFolder();
        var current = await SynthAsync(folder, "covariate", 5);
        var html = Path.Combine(folder, "report.html");

        // The generator's covariate drift moves about a third of the columns: past a 0.3 share, not Evidently's 0.5.
        var report = (await workspace.Cli.RunOkAsync(
            "monitor", "report", "--model", $"{name}@champion", "--current", current, "--drift-share", "0.3", "--out", html, "--json")).Json();

        Assert.True(report["drift"]!["dataset_drifted"]!.GetValue<bool>());
        Assert.Equal(0.3, report["drift"]!["drift_share_threshold"]!.GetValue<double>());
        Assert.Equal($"{name}@champion", report["model"]!.GetValue<string>());
        Assert.Contains("training data profile", report["reference"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(FraudData.Rows, report["reference"]!["rows"]!.GetValue<long>());
        Assert.True(Column(report, "amount")["drifted"]!.GetValue<bool>());
        Assert.Equal("tested", Column(report, "prediction")["result"]!["status"]!.GetValue<string>());
        Assert.Equal("tested", Column(report, "probability")["result"]!["status"]!.GetValue<string>());
        Assert.Equal("tested", Column(report, FraudData.Label)["result"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain(report["drift"]!["columns"]!.AsArray(), c => c!["column"]!.GetValue<string>() == "transaction_id");
        var performance = report["performance"]!.AsArray();
        Assert.NotEmpty(performance);
        Assert.Equal(2000, performance.Sum(w => w!["labeled_rows"]!.GetValue<int>()));
        Assert.All(performance, w => Assert.InRange(w!["realized"]!["accuracy"]!.GetValue<double>(), 0, 1));
        // CBPE calibrated on the package's evaluation rows: an estimate beside each realized figure, no reference file needed.
        Assert.All(performance, w => Assert.InRange(w!["estimated"]!["accuracy"]!.GetValue<double>(), 0, 1));
        Assert.DoesNotContain(report["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("CBPE", StringComparison.Ordinal));
        Assert.NotEmpty(report["distributions"]!.AsArray());
        var page = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        Assert.Contains("amount", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SameDistributionOtherSeed_NoDatasetDrift()
    {
        var name = await RegisterAsync();
        var current = await SynthAsync(workspace.NewScratchFolder(), "none", 77);

        var report = (await workspace.Cli.RunOkAsync("monitor", "report", "--model", $"{name}@champion", "--current", current, "--json")).Json();

        Assert.False(report["drift"]!["dataset_drifted"]!.GetValue<bool>());
        Assert.True(report["drift"]!["share"]!.GetValue<double>() < 0.5);
        Assert.False(Column(report, "amount")["drifted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Report_ReferenceFileWithoutModel_TestsEveryColumnAndNoPerformance()
    {
        var current = await SynthAsync(workspace.NewScratchFolder(), "covariate", 6);

        var report = (await workspace.Cli.RunOkAsync("monitor", "report", "--reference", workspace.DataPath, "--current", current, "--json")).Json();

        Assert.Null(report["model"]);
        Assert.True(Column(report, "amount")["drifted"]!.GetValue<bool>());
        Assert.False(Column(report, "day_of_week")["drifted"]!.GetValue<bool>());
        // 3000 reference rows: Evidently's large-sample choice, normed Wasserstein, for a many-valued numeric column.
        Assert.Equal("wasserstein", Column(report, "customer_age")["result"]!["method"]!.GetValue<string>());
        Assert.Equal("tested", Column(report, FraudData.Label)["result"]!["status"]!.GetValue<string>());
        Assert.Empty(report["performance"]!.AsArray());

        // An identifier column is not a feature: left out, with a warning, instead of counting as drifted.
        Assert.DoesNotContain(report["drift"]!["columns"]!.AsArray(), c => c!["column"]!.GetValue<string>() == "transaction_id");
        Assert.Contains(report["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("'transaction_id'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_CurrentLacksAFeature_ColumnMissingInCurrentWithWarningNotACrash()
    {
        var name = await RegisterAsync();
        var folder = workspace.NewScratchFolder();
        var full = await SynthAsync(folder, "none", 8);
        var drop = FraudData.ColumnIndex(full, "amount");
        var lines = File.ReadAllLines(full).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != drop)));
        var current = Path.Combine(folder, "no-amount.csv");
        await File.WriteAllLinesAsync(current, lines, TestContext.Current.CancellationToken);

        var report = (await workspace.Cli.RunOkAsync("monitor", "report", "--model", $"{name}@champion", "--current", current, "--json")).Json();

        var amount = Column(report, "amount");
        Assert.Equal("missing_in_current", amount["result"]!["status"]!.GetValue<string>());
        Assert.Null(amount["result"]!["score"]);
        Assert.False(amount["drifted"]!.GetValue<bool>());
        var warnings = report["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Contains(warnings, w => w.Contains("'amount'", StringComparison.Ordinal) && w.Contains("missing", StringComparison.Ordinal));
        Assert.Equal("tested", Column(report, "channel")["result"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_CovariateDrift_PrintsVerdictAndDriftedColumnsFirst()
    {
        var name = await RegisterAsync();
        var current = await SynthAsync(workspace.NewScratchFolder(), "covariate", 9);

        var result = await workspace.Cli.RunOkAsync("monitor", "status", "--model", $"{name}@champion", "--current", current, "--drift-share", "0.3");

        Assert.Contains("DATASET DRIFT", result.Out, StringComparison.Ordinal);
        Assert.Contains("performance by window", result.Out, StringComparison.Ordinal);
        var amountLine = result.Out.Split('\n').First(l => l.Contains(" amount ", StringComparison.Ordinal));
        Assert.Contains("yes", amountLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model", "m@champion", "--out", "r.html")]
    [InlineData("--model", "m@champion", "--window", "5x", "--out", "r.html")]
    [InlineData("--model", "m@champion", "--current", "a.csv", "--last", "5", "--out", "r.html")]
    [InlineData("--reference", "a.csv", "--window", "1h", "--out", "r.html")]
    [InlineData("--model", "m@champion", "--current", "a.csv")]
    [InlineData("--model", "m@champion", "--current", "a.csv", "--method", "amount=nope", "--json")]
    [InlineData("--model", "m@champion", "--current", "a.csv", "--threshold", "amount", "--json")]
    public async Task Report_BadCommandLine_ExitsTwoWithoutWork(params string[] args)
    {
        var result = await workspace.Cli.RunAsync(["monitor", "report", .. args]);

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains("gyre monitor report --help", result.Error, StringComparison.Ordinal);
    }
}
