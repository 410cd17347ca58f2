using Gyre.Cli.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Cli.Tests.Deploy;

/// <summary>`gyre deploy --model NAME@ALIAS` deploys the registered version: its name, its version number, its package.</summary>
public sealed class DeployRegisteredModelTests
{
    [Fact]
    public async Task RegisteredAlias_IsDeployedUnderItsNameAndVersion()
    {
        using var folder = new TempFolder();
        var cli = folder.Cli();
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 600);
        var modelPath = (await cli.RunOkAsync("train", "--data", "fraud.csv", "--label", FraudData.Label, "--task", "binary", "--json")).Json()["model_path"]!.GetValue<string>();
        await cli.RunOkAsync("models", "register", "Fraud_Scorer", "--package", modelPath);

        var output = folder.Combine("image");
        var result = (await cli.RunOkAsync("deploy", "docker", "--model", "Fraud_Scorer@champion", "--out", output, "--json")).Json();

        Assert.Equal("1", result["model"]!["version"]!.GetValue<string>());
        Assert.Equal("gyre-model-fraud-scorer:1", result["image"]!.GetValue<string>());
        var docker = new GeneratedDockerfile(await File.ReadAllTextAsync(Path.Combine(output, "Dockerfile"), TestContext.Current.CancellationToken));
        Assert.Equal("Fraud_Scorer", docker.EntrypointFlag("--name"));
        Assert.Equal("/models/fraud-scorer", docker.EntrypointFlag("--package"));
        var original = await ModelPackage.LoadAsync(modelPath, TestContext.Current.CancellationToken);
        var copied = await ModelPackage.LoadAsync(Path.Combine(output, "model"), TestContext.Current.CancellationToken);
        Assert.Equal(original.Manifest.Files, copied.Manifest.Files);
    }
}
