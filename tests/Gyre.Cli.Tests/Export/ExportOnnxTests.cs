using System.Diagnostics;
using System.Text.Json.Nodes;
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
    public async Task Export_CheckFile_ReproducedByOnnxRuntimeForNode()
    {
        // An independent runtime: ONNX Runtime's Node.js binding (npm onnxruntime-node, tools/node), fed the check
        // file's rows, must give ML.NET's scores.
        var tools = Path.Combine(RepositoryFiles.Root, "tools", "node");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "onnxruntime-node")),
            $"onnxruntime-node is not installed in {tools}: run tools/install-test-deps.sh.");
        var folder = workspace.NewScratchFolder();
        var model = Path.Combine(folder, "fraud.onnx");
        var check = Path.Combine(folder, "fraud.check.json");
        await workspace.Cli.RunOkAsync("export", "onnx", TrainedWorkspace.ModelPath(workspace.First), "--out", model, "--data", workspace.DataPath,
            "--rows", "500", "--check-file", check);

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tools };
        foreach (var arg in new[] { Path.Combine(tools, "onnx-check.mjs"), model, check })
        {
            start.ArgumentList.Add(arg);
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await error}");
        var result = JsonNode.Parse(await output)!;
        Assert.Equal(500, result["rows"]!.GetValue<int>());
        Assert.InRange(result["max_abs_difference"]!.GetValue<double>(), 0, 1e-5);
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
