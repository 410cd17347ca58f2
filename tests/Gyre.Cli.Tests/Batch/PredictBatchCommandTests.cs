using System.Globalization;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Batch;

/// <summary>`gyre predict`'s batch options through the real command line: rejects and threshold, passthrough, usage errors.</summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class PredictBatchCommandTests(TrainedWorkspace workspace)
{
    private const int Rows = 400;

    private string Model => TrainedWorkspace.ModelPath(workspace.First);

    [Fact]
    public async Task Predict_RejectsUnderTheThreshold_ExitsZeroAndReportsCountsInJson()
    {
        var (folder, input) = await NewInputAsync();
        FraudData.SetField(input, 5, FraudData.ColumnIndex(input, "amount"), "twelve");
        var output = Path.Combine(folder, "scored.csv");
        var rejects = Path.Combine(folder, "rejects.csv");

        var result = await workspace.Cli.RunOkAsync("predict", "--model", Model, "--input", input, "--output", output,
            "--rejects", rejects, "--max-reject-rate", "0.05", "--json");

        var report = result.Json();
        Assert.True(report["succeeded"]!.GetValue<bool>());
        Assert.Equal(Rows, report["rows_read"]!.GetValue<int>());
        Assert.Equal(Rows - 1, report["rows_scored"]!.GetValue<int>());
        Assert.Equal(1, report["rows_rejected"]!.GetValue<int>());
        Assert.Equal(1.0 / Rows, report["reject_rate"]!.GetValue<double>(), 12);
        Assert.Equal(rejects, report["rejects"]!.GetValue<string>());
        Assert.Equal("wrong_type", report["violations"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(5, report["violations"]![0]!["line"]!.GetValue<int>());
        Assert.Equal(2, File.ReadLines(rejects).Count());
    }

    [Fact]
    public async Task Predict_RejectsOverTheThreshold_ExitsOneAndSaysNothingWasWritten()
    {
        var (folder, input) = await NewInputAsync();
        FraudData.SetField(input, 5, FraudData.ColumnIndex(input, "amount"), "twelve");
        var output = Path.Combine(folder, "scored.csv");

        var result = await workspace.Cli.RunAsync("predict", "--model", Model, "--input", input, "--output", output, "--max-reject-rate", "0.001");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("Nothing written: 1 of 400 rows rejected", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Predict_PassthroughAndPredictionsOnly_ChooseTheCopiedColumns()
    {
        var (folder, input) = await NewInputAsync();
        var chosen = Path.Combine(folder, "chosen.csv");
        var bare = Path.Combine(folder, "bare.csv");

        await workspace.Cli.RunOkAsync("predict", "--model", Model, "--input", input, "--output", chosen, "--passthrough", "amount, transaction_id");
        await workspace.Cli.RunOkAsync("predict", "--model", Model, "--input", input, "--output", bare, "--predictions-only", "--threads", "1", "--chunk-rows", "33");

        var ids = File.ReadLines(input).Skip(1).Select(l => l.Split(',')[0]).ToList();
        var amounts = File.ReadLines(input).Skip(1).Select(l => l.Split(',')[FraudData.ColumnIndex(input, "amount")]).ToList();
        var chosenLines = File.ReadAllLines(chosen);
        Assert.Equal("amount,transaction_id,predicted_label,probability", chosenLines[0]);
        Assert.Equal(ids, chosenLines.Skip(1).Select(l => l.Split(',')[1]));
        Assert.Equal(amounts, chosenLines.Skip(1).Select(l => l.Split(',')[0]));
        var bareLines = File.ReadAllLines(bare);
        Assert.Equal("predicted_label,probability", bareLines[0]);
        Assert.Equal(chosenLines.Skip(1).Select(l => string.Join(',', l.Split(',')[2..])), bareLines.Skip(1));
    }

    [Fact]
    public async Task Predict_WithoutJson_ReportsProgressWithRowsPerSecondOnStandardError()
    {
        var (folder, input) = await NewInputAsync();

        var result = await workspace.Cli.RunOkAsync("predict", "--model", Model, "--input", input, "--output", Path.Combine(folder, "o.csv"), "--chunk-rows", "50");

        Assert.Matches(@"scoring: [\d,]+ rows, [\d,]+ rows/s, 0 rejected", result.Error);
        Assert.Contains($"Scored {Rows} of {Rows} rows", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-reject-rate", "1.5")]
    [InlineData("--chunk-rows", "0")]
    [InlineData("--threads", "-1")]
    public async Task Predict_OutOfRangeOption_IsAUsageError(string option, string value)
    {
        var (folder, input) = await NewInputAsync();

        var result = await workspace.Cli.RunAsync("predict", "--model", Model, "--input", input, "--output", Path.Combine(folder, "o.csv"), option, value);

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_PassthroughWithPredictionsOnly_IsAUsageError()
    {
        var (folder, input) = await NewInputAsync();

        var result = await workspace.Cli.RunAsync("predict", "--model", Model, "--input", input, "--output", Path.Combine(folder, "o.csv"), "--passthrough", "amount", "--predictions-only");

        result.AssertExit(ExitCodes.Usage);
        Assert.Equal([input], Directory.GetFiles(folder));
    }

    private async Task<(string Folder, string Input)> NewInputAsync()
    {
        var folder = workspace.NewScratchFolder();
        var input = Path.Combine(folder, "new.csv");
        await workspace.Cli.RunOkAsync("data", "synth", "fraud", "--rows", Rows.ToString(CultureInfo.InvariantCulture), "--seed", "21", "--output", input);
        return (folder, input);
    }
}
