using Gyre.Cli.Tests.Support;
using Gyre.Pipelines.Registry;
using Gyre.Core;

namespace Gyre.Cli.Tests.Export;

/// <summary>Exporting a registered version keeps the ONNX file as that version's onnx flavor.</summary>
public sealed class ExportOnnxRegistryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ExportOfARegisteredVersion_IsLoggedToItsRunAndTaggedOnTheVersion()
    {
        var cli = _folder.Cli();
        var data = await FraudData.SynthAsync(cli, "fraud.csv", 1500);
        var training = (await cli.RunOkAsync("train", "--data", data, "--label", "is_fraud", "--task", "binary", "--folds", "0", "--json")).Json();
        var runId = TrainedWorkspace.RunId(training);
        await cli.RunOkAsync("models", "register", "fraud", "--run", runId);
        var onnx = _folder.Combine("fraud.onnx");

        var json = (await cli.RunOkAsync("export", "onnx", "fraud@champion", "--out", onnx, "--data", data, "--rows", "200", "--json")).Json();

        var flavor = json["registered_flavor"]!.GetValue<string>();
        Assert.Equal($"runs:/{runId}/onnx/fraud.onnx", flavor);
        var workspace = await Workspace.OpenAsync(cli.Environment(TextWriter.Null, TextWriter.Null), TestContext.Current.CancellationToken);
        var version = await workspace.Registry.GetModelVersionAsync("fraud", 1, TestContext.Current.CancellationToken);
        var tags = version.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(flavor, tags[OnnxFlavorRegistration.FlavorTag]);
        Assert.Equal(64, tags[OnnxFlavorRegistration.Sha256Tag].Length);
        var run = await workspace.Tracking.GetRunAsync(new RunId(runId), TestContext.Current.CancellationToken);
        var logged = await workspace.Artifacts.ListArtifactsAsync(run.Info.ExperimentId, run.Info.RunId, "onnx", TestContext.Current.CancellationToken);
        Assert.Contains(logged, a => a.Path == "onnx/fraud.onnx");
        // The version's own package still verifies: loading it by reference checks its hashes.
        await cli.RunOkAsync("predict", "--model", "fraud@champion", "--input", data, "--output", _folder.Combine("scored.csv"));
    }
}
