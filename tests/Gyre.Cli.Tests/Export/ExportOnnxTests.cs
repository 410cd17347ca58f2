using Gyre.Cli.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace Gyre.Cli.Tests.Export;

/// <summary>`gyre export onnx`: the LightGBM fraud model with its featurizers as ONNX, checked against ML.NET.</summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class ExportOnnxTests(TrainedWorkspace workspace)
{
    [Fact]
    public async Task Export_WritesAGraphThatReproducesTheScores()
    {
        var folder = workspace.NewScratchFolder();
        var path = Path.Combine(folder, "fraud.onnx");

        var json = (await workspace.Cli.RunOkAsync(
            "export", "onnx", TrainedWorkspace.ModelPath(workspace.First), "--out", path, "--data", workspace.DataPath, "--rows", "300", "--json")).Json();

        Assert.Equal(path, json["path"]!.GetValue<string>());
        Assert.Equal(300, json["rows_checked"]!.GetValue<int>());
        Assert.InRange(json["max_abs_difference"]!.GetValue<double>(), 0, 1e-5);
        Assert.Equal(new FileInfo(path).Length, json["bytes"]!.GetValue<long>());
        var columns = json["inputs"]!.AsArray().Select(i => i!["column"]!.GetValue<string>()).ToList();
        Assert.Contains("amount", columns);
        Assert.Contains("timestamp.hour", columns);
        // The file is a graph ONNX Runtime loads, with the scores as outputs.
        using var session = new InferenceSession(path);
        Assert.Contains("Probability.output", session.OutputMetadata.Keys);
        Assert.Equal(columns.Count, session.InputMetadata.Count);
    }

    [Fact]
    public async Task Export_DataWithoutTheModelsColumns_FailsAndWritesNothing()
    {
        var folder = workspace.NewScratchFolder();
        var data = Path.Combine(folder, "other.csv");
        await File.WriteAllTextAsync(data, "a,b\n1,2\n", TestContext.Current.CancellationToken);
        var path = Path.Combine(folder, "fraud.onnx");

        var result = await workspace.Cli.RunAsync("export", "onnx", TrainedWorkspace.ModelPath(workspace.First), "--out", path, "--data", data);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("signature", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }
}
