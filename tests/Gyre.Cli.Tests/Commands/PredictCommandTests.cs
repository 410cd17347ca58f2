using System.Globalization;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Commands;

/// <summary>`gyre predict` with the model packages of the shared <see cref="TrainedWorkspace"/>; every test scores into its own folder.</summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class PredictCommandTests(TrainedWorkspace workspace)
{
    private const int InputRows = 300;

    private string Model => TrainedWorkspace.ModelPath(workspace.First);

    [Fact]
    public async Task Predict_SynthFile_WritesOneRowPerInputRowWithLabelAndProbability()
    {
        var (folder, input) = await NewInputAsync();
        var output = Path.Combine(folder, "scored.csv");

        var result = await workspace.Cli.RunOkAsync("predict", "--model", Model, "--input", input, "--output", output, "--json");

        var report = result.Json();
        Assert.True(report["written"]!.GetValue<bool>());
        Assert.Equal(InputRows, report["rows_read"]!.GetValue<int>());
        Assert.Equal(InputRows, report["rows_scored"]!.GetValue<int>());
        Assert.Empty(report["violations"]!.AsArray());
        var inputLines = File.ReadAllLines(input);
        var outputLines = File.ReadAllLines(output);
        Assert.Equal(inputLines.Length, outputLines.Length);
        Assert.Equal(inputLines[0] + ",predicted_label,probability", outputLines[0]);
        var id = FraudData.ColumnIndex(output, "transaction_id");
        var predicted = FraudData.ColumnIndex(output, "predicted_label");
        var probability = FraudData.ColumnIndex(output, "probability");
        for (var i = 1; i < outputLines.Length; i++)
        {
            var fields = outputLines[i].Split(',');
            Assert.Equal(inputLines[i].Split(',')[id], fields[id]);
            Assert.True(fields[predicted] is "0" or "1", $"predicted_label '{fields[predicted]}' on line {i + 1}");
            Assert.InRange(double.Parse(fields[probability], CultureInfo.InvariantCulture), 0.0, 1.0);
        }

        // The label follows a threshold on the probability, and the scores separate the actual frauds.
        var rows = outputLines.Skip(1).Select(l => l.Split(',')).ToList();
        var label = FraudData.ColumnIndex(output, FraudData.Label);
        double Probability(string[] row) => double.Parse(row[probability], CultureInfo.InvariantCulture);
        var positives = rows.Where(r => r[predicted] == "1").Select(Probability).DefaultIfEmpty(1.0).Min();
        var negatives = rows.Where(r => r[predicted] == "0").Select(Probability).DefaultIfEmpty(0.0).Max();
        Assert.True(negatives < positives, $"a row predicted 0 has probability {negatives} >= {positives} of a row predicted 1");
        var fraud = rows.Where(r => r[label] == "1").Select(Probability).ToList();
        Assert.NotEmpty(fraud);
        Assert.True(fraud.Average() > rows.Where(r => r[label] == "0").Select(Probability).Average(), "frauds should score higher on average");
    }

    [Fact]
    public async Task Predict_SameInputTwiceAndSameSeedModel_IdenticalOutput()
    {
        var (folder, input) = await NewInputAsync();
        var first = Path.Combine(folder, "first.csv");
        var again = Path.Combine(folder, "again.csv");
        var twin = Path.Combine(folder, "twin.csv");

        await workspace.Cli.RunOkAsync("predict", "-m", Model, "-i", input, "-o", first);
        await workspace.Cli.RunOkAsync("predict", "-m", Model, "-i", input, "-o", again);
        await workspace.Cli.RunOkAsync("predict", "-m", TrainedWorkspace.ModelPath(workspace.Second), "-i", input, "-o", twin);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(again));
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(twin));
    }

    [Fact]
    public async Task Predict_RowsBreakingSignature_ExitsOneWritesNothingAndNamesLines()
    {
        var (folder, input) = await NewInputAsync();
        BreakLines(input);
        var output = Path.Combine(folder, "scored.csv");

        var json = await workspace.Cli.RunAsync("predict", "--model", Model, "--input", input, "--output", output, "--json");
        var text = await workspace.Cli.RunAsync("predict", "--model", Model, "--input", input, "--output", output);

        json.AssertExit(ExitCodes.Failure);
        var report = json.Json();
        Assert.False(report["written"]!.GetValue<bool>());
        var violations = report["violations"]!.AsArray().Select(v => (Line: v!["line"]!.GetValue<int>(), Column: v["column"]!.GetValue<string>())).ToList();
        Assert.Equal([(3, "amount"), (6, "channel")], violations);
        text.AssertExit(ExitCodes.Failure);
        Assert.Matches(@"(?m)^\W*3\W+amount\b", text.Error);
        Assert.Matches(@"(?m)^\W*6\W+channel\b", text.Error);
        Assert.Contains("Nothing written", text.Error, StringComparison.Ordinal);
        Assert.Equal([input], Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Predict_SkipInvalid_WritesTheValidRowsOnly()
    {
        var (folder, input) = await NewInputAsync();
        BreakLines(input);
        var output = Path.Combine(folder, "scored.csv");

        var result = await workspace.Cli.RunAsync("predict", "--model", Model, "--input", input, "--output", output, "--skip-invalid", "--json");

        result.AssertExit(ExitCodes.Failure);
        var report = result.Json();
        Assert.True(report["written"]!.GetValue<bool>());
        Assert.Equal(InputRows - 2, report["rows_scored"]!.GetValue<int>());
        var inputIds = File.ReadLines(input).Select(l => l.Split(',')[0]).ToList();
        var expected = inputIds.Where((_, index) => index + 1 is not (1 or 3 or 6)).ToList();
        Assert.Equal(expected, File.ReadLines(output).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Predict_TamperedPackage_ExitsOneNamingTheFile()
    {
        var (folder, input) = await NewInputAsync();
        var copy = Path.Combine(folder, "model");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Model))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var zip = Path.Combine(copy, "model.zip");
        var bytes = File.ReadAllBytes(zip);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(zip, bytes);
        var output = Path.Combine(folder, "scored.csv");

        var result = await workspace.Cli.RunAsync("predict", "--model", copy, "--input", input, "--output", output);

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("model.zip", result.Error, StringComparison.Ordinal);
        Assert.Contains(copy, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Predict_MissingModelFolder_ExitsOneNamingIt()
    {
        var (folder, input) = await NewInputAsync();
        var missing = Path.Combine(folder, "no-model");

        var result = await workspace.Cli.RunAsync("predict", "--model", missing, "--input", input, "--output", Path.Combine(folder, "scored.csv"));

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }

    /// <summary>Line 3 gets a non-numeric amount, line 6 an empty channel (a column with no missing values in training).</summary>
    private static void BreakLines(string input)
    {
        FraudData.SetField(input, 3, FraudData.ColumnIndex(input, "amount"), "abc");
        FraudData.SetField(input, 6, FraudData.ColumnIndex(input, "channel"), string.Empty);
    }

    private async Task<(string Folder, string Input)> NewInputAsync()
    {
        var folder = workspace.NewScratchFolder();
        var input = Path.Combine(folder, "new.csv");
        await workspace.Cli.RunOkAsync("data", "synth", "fraud", "--rows", InputRows.ToString(CultureInfo.InvariantCulture), "--seed", "9", "--output", input);
        return (folder, input);
    }
}
