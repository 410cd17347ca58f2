using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;
using Gyre.Core;

namespace Gyre.Cli.Tests.OnnxImport;

/// <summary>
/// `gyre models register NAME --onnx FILE` on graphs made outside Gyre: the registered version is scored by
/// `gyre predict` and served by `gyre serve` with numpy's scores (within 1e-6), and bad input registers nothing.
/// </summary>
public sealed class OnnxImportTests(OnnxTestModels models) : IClassFixture<OnnxTestModels>, IDisposable
{
    private const double Tolerance = 1e-6;
    private static readonly string[] Features = ["x1", "x2", "x3"];
    private static readonly string[] Classes = ["a", "b", "c"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Register_PackedLogisticRegression_PredictGivesNumpysProbabilities()
    {
        var cli = _folder.Cli();
        var json = (await cli.RunOkAsync(
            "models", "register", "churn", "--onnx", models.LogisticRegression, "--columns", "x1,x2,x3", "--classes", "stay,leave",
            "--reference-data", models.Data, "--json")).Json();
        var output = _folder.Combine("scored.csv");
        await cli.RunOkAsync("predict", "--model", "churn@champion", "--input", models.Data, "--output", output);

        var package = json["version"]!["package"]!;
        Assert.Equal("onnx", package["flavor"]!.GetValue<string>());
        Assert.Equal(["x1", "x2", "x3"], package["signature"]!["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        var rows = ReadCsv(output);
        var expected = models.Expected["binary"]!.AsArray().Select(p => p!.GetValue<double>()).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var probability = double.Parse(rows[i]["probability"], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(probability - expected[i]) <= Tolerance, $"row {i}: {probability} vs numpy {expected[i]}");
            Assert.Equal(expected[i] >= 0.5 ? "leave" : "stay", rows[i]["predicted_label"]);
        }

        Assert.Contains(expected, p => p >= 0.5);
        Assert.Contains(expected, p => p < 0.5);
    }

    [Fact]
    public async Task Register_PerColumnRegressionAndSoftmax_PredictGivesNumpysScores()
    {
        var cli = _folder.Cli();
        await cli.RunOkAsync("models", "register", "amount", "--onnx", models.Regression);
        await cli.RunOkAsync("models", "register", "segment", "--onnx", models.Softmax, "--columns", "x1,x2,x3", "--classes", "a,b,c");
        var regression = _folder.Combine("regression.csv");
        var multiclass = _folder.Combine("multiclass.csv");
        await cli.RunOkAsync("predict", "--model", "amount@champion", "--input", models.Data, "--output", regression);
        await cli.RunOkAsync("predict", "--model", "segment/1", "--input", models.Data, "--output", multiclass);

        var values = ReadCsv(regression);
        var expected = models.Expected["regression"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        Assert.Equal(expected.Count, values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var prediction = double.Parse(values[i]["prediction"], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(prediction - expected[i]) <= Tolerance, $"row {i}: {prediction} vs numpy {expected[i]}");
        }

        var classes = ReadCsv(multiclass);
        var probabilities = models.Expected["multiclass"]!.AsArray();
        for (var i = 0; i < classes.Count; i++)
        {
            var row = probabilities[i]!.AsArray().Select(p => p!.GetValue<double>()).ToList();
            foreach (var (name, k) in Classes.Select((c, k) => (c, k)))
            {
                var probability = double.Parse(classes[i]["probability_" + name], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(probability - row[k]) <= Tolerance, $"row {i} class {name}: {probability} vs numpy {row[k]}");
            }

            Assert.Equal(Classes[row.IndexOf(row.Max())], classes[i]["predicted_label"]);
        }
    }

    [Fact]
    public async Task Serve_ImportedModel_InferAnswersNumpysProbabilities()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = _folder.Cli();
        await cli.RunOkAsync("models", "register", "churn", "--onnx", models.LogisticRegression, "--columns", "x1,x2,x3");
        var rows = ReadCsv(models.Data).Take(5).ToList();
        var expected = models.Expected["binary"]!.AsArray().Take(5).Select(p => p!.GetValue<double>()).ToList();

        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(
            TextWriter.Synchronized(output), TextWriter.Synchronized(error), cli.WorkingDirectory,
            new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = cli.Home }, Interactive: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = GyreCli.RunAsync(["serve", "--model", "churn@champion", "--port", "0", "--json"], environment, stop.Token);
        JsonNode? ready = null;
        while (ready is null)
        {
            Assert.False(run.IsCompleted, $"gyre serve exited early: {error}");
            var text = output.ToString();
            ready = text.Contains('\n', StringComparison.Ordinal) ? JsonNode.Parse(text.Split('\n')[0]) : null;
            await Task.Delay(20, ct);
        }

        using var client = new HttpClient { BaseAddress = new Uri(ready["address"]!.GetValue<string>()) };
        var body = new JsonObject
        {
            ["inputs"] = new JsonArray([.. Features.Select(column => (JsonNode)new JsonObject
            {
                ["name"] = column,
                ["shape"] = new JsonArray(rows.Count),
                ["datatype"] = "FP64",
                ["data"] = new JsonArray([.. rows.Select(r => JsonValue.Create(double.Parse(r[column], CultureInfo.InvariantCulture)))]),
            })]),
        };
        using var response = await client.PostAsync("v2/models/churn/infer", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        var metadata = JsonNode.Parse(await client.GetStringAsync("v2/models/churn", ct))!;
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Success, await run);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("1", answer["model_version"]!.GetValue<string>());
        Assert.Equal("onnxruntime_onnx", metadata["platform"]!.GetValue<string>());
        Assert.Equal(Features, metadata["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        var data = answer["outputs"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "probability")!["data"]!.AsArray();
        Assert.Equal(rows.Count, data.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.True(Math.Abs(data[i]!.GetValue<double>() - expected[i]) <= Tolerance, $"row {i}: {data[i]} vs numpy {expected[i]}");
        }
    }

    [Fact]
    public async Task ExportOnnx_ImportedModel_PointsAtItsGraphAndWritesNothing()
    {
        var cli = _folder.Cli();
        await cli.RunOkAsync("models", "register", "churn", "--onnx", models.LogisticRegression, "--columns", "x1,x2,x3");
        var output = Path.Combine(cli.WorkingDirectory, "again.onnx");

        var result = await cli.RunAsync("export", "onnx", "churn@champion", "--out", output, "--data", models.Data);

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("is an imported ONNX model", result.Error, StringComparison.Ordinal);
        Assert.Contains("model.onnx", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Monitor_ImportedWithReferenceData_ComparesAgainstThePackagedProfile()
    {
        var cli = _folder.Cli();
        await cli.RunOkAsync("models", "register", "churn", "--onnx", models.LogisticRegression, "--columns", "x1,x2,x3", "--reference-data", models.Data);
        var rows = ReadCsv(models.Data);
        var shifted = _folder.Write("shifted.csv", "id,x1,x2,x3\n" + string.Join("\n", rows.Select(r =>
            $"{r["id"]},{(double.Parse(r["x1"], CultureInfo.InvariantCulture) + 6).ToString(CultureInfo.InvariantCulture)},{r["x2"]},{r["x3"]}")) + "\n");

        var same = (await cli.RunOkAsync("monitor", "report", "--model", "churn@champion", "--current", models.Data, "--json")).Json();
        var moved = (await cli.RunOkAsync("monitor", "report", "--model", "churn@champion", "--current", shifted, "--json")).Json();

        Assert.Equal("training data profile of churn@champion", same["reference"]!["description"]!.GetValue<string>());
        bool Drifted(JsonNode report, string column) =>
            report["drift"]!["columns"]!.AsArray().Single(c => c!["column"]!.GetValue<string>() == column)!["drifted"]!.GetValue<bool>();
        Assert.False(Drifted(same, "x1"));
        Assert.False(Drifted(same, "probability"));
        Assert.True(Drifted(moved, "x1"));
        Assert.False(Drifted(moved, "x2"));
        Assert.True(Drifted(moved, "probability"));
    }

    [Theory]
    [InlineData("logreg.onnx", "--columns a,b,c --reference-data data.csv", "--reference-data")]
    [InlineData("logreg.onnx", "--columns x1,x2", "--columns")]
    [InlineData("logreg.onnx", "", "--columns")]
    [InlineData("logreg.onnx", "--columns x1,x2,x3 --output scores", "no output 'scores'")]
    [InlineData("logreg.onnx", "--columns x1,x2,x3 --output label", "not a float tensor")]
    [InlineData("logreg.onnx", "--columns x1,x2,x3 --classes a,b,c", "--classes")]
    [InlineData("regression.onnx", "--task multiclass", "--task multiclass")]
    [InlineData("data.csv", "", "is not an ONNX model")]
    public async Task Register_BadInput_FailsNamingTheProblemAndRegistersNothing(string file, string flags, string expectedMessage)
    {
        var cli = _folder.Cli();
        string[] args = ["models", "register", "broken", "--onnx", models.Combine(file), .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f == "data.csv" ? models.Data : f)];

        var result = await cli.RunAsync(args);

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(expectedMessage, result.Error, StringComparison.Ordinal);
        var workspace = await Workspace.OpenAsync(cli.Environment(TextWriter.Null, TextWriter.Null), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<GyreException>(() => workspace.Registry.GetRegisteredModelAsync("broken", TestContext.Current.CancellationToken));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Register_OnnxWithRunOrWithoutOnnx_IsAUsageError()
    {
        var cli = _folder.Cli();

        var both = await cli.RunAsync("models", "register", "x", "--onnx", models.LogisticRegression, "--package", models.Data);
        var stray = await cli.RunAsync("models", "register", "x", "--package", models.Data, "--columns", "a");

        both.AssertExit(ExitCodes.Usage);
        Assert.Contains("exactly one of --run RUN_ID, --package PATH and --onnx FILE", both.Error, StringComparison.Ordinal);
        stray.AssertExit(ExitCodes.Usage);
        Assert.Contains("--columns applies only with --onnx", stray.Error, StringComparison.Ordinal);
    }

    /// <summary>A CSV without quoted fields (what these tests write and read), as one dictionary per row.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))];
    }
}
