using System.Globalization;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Models;

/// <summary>
/// Registered packages are verified when loaded: each test imports a copy of a trained package into a fresh
/// workspace of its own (so damaging the registry's copy touches nothing shared), then scores or damages it.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class RegisteredPackageIntegrityTests(TrainedWorkspace workspace) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Predict_ChampionReference_ScoresLikeThePackageFolder()
    {
        var (cli, _) = await RegisterFraudAsync();
        var input = await NewInputAsync(cli);
        var byReference = _folder.Combine("by-reference.csv");
        var byFolder = _folder.Combine("by-folder.csv");

        var json = (await cli.RunOkAsync("predict", "--model", "fraud@champion", "--input", input, "--output", byReference, "--json")).Json();
        await cli.RunOkAsync("predict", "--model", TrainedWorkspace.ModelPath(workspace.First), "--input", input, "--output", byFolder);
        await cli.RunOkAsync("predict", "--model", "fraud/1", "--input", input, "--output", _folder.Combine("by-version.csv"));

        Assert.Equal(300, json["rows_scored"]!.GetValue<int>());
        Assert.Equal(File.ReadAllBytes(byFolder), File.ReadAllBytes(byReference));
        Assert.Equal(File.ReadAllBytes(byFolder), File.ReadAllBytes(_folder.Combine("by-version.csv")));
    }

    [Fact]
    public async Task Predict_ModelZipTamperedAfterRegistering_ExitsOneNamingModelAndFile()
    {
        var (cli, copy) = await RegisterFraudAsync();
        var model = Path.Combine(copy, "model.zip");
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(model, bytes);
        var input = await NewInputAsync(cli);
        var output = _folder.Combine("scored.csv");

        var predict = await cli.RunAsync("predict", "--model", "fraud@champion", "--input", input, "--output", output);
        var diff = await cli.RunAsync("models", "diff", "fraud/1", "fraud@champion");

        predict.AssertExit(ExitCodes.Failure);
        Assert.Contains("fraud@champion", predict.Error, StringComparison.Ordinal);
        Assert.Contains("model.zip", predict.Error, StringComparison.Ordinal);
        Assert.Contains("refused", predict.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        diff.AssertExit(ExitCodes.Failure);
        Assert.Contains("model.zip", diff.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_ManifestEditedAfterRegistering_ExitsOneNamingManifest()
    {
        var (cli, copy) = await RegisterFraudAsync();
        // A consistent edit (the manifest still lists the right file hashes) still changes the manifest's checksum.
        var manifest = Path.Combine(copy, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest) + "\n");
        var input = await NewInputAsync(cli);

        var predict = await cli.RunAsync("predict", "--model", "fraud/1", "--input", input, "--output", _folder.Combine("scored.csv"));

        predict.AssertExit(ExitCodes.Failure);
        Assert.Contains("fraud/1", predict.Error, StringComparison.Ordinal);
        Assert.Contains("manifest.json", predict.Error, StringComparison.Ordinal);
        Assert.Contains("the registry recorded", predict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_PackageDeletedAfterRegistering_ExitsOneSayingMissing()
    {
        var (cli, copy) = await RegisterFraudAsync();
        File.Delete(Path.Combine(copy, "model.zip"));
        var input = await NewInputAsync(cli);

        var missingFile = await cli.RunAsync("predict", "--model", "fraud@champion", "--input", input, "--output", _folder.Combine("a.csv"));
        Directory.Delete(copy, recursive: true);
        var missingFolder = await cli.RunAsync("predict", "--model", "fraud@champion", "--input", input, "--output", _folder.Combine("b.csv"));

        missingFile.AssertExit(ExitCodes.Failure);
        Assert.Contains("missing model.zip", missingFile.Error, StringComparison.Ordinal);
        missingFolder.AssertExit(ExitCodes.Failure);
        Assert.Contains("fraud@champion", missingFolder.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", missingFolder.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_TamperedPackage_RefusedNamingFileAndNothingRecorded()
    {
        var cli = _folder.Cli();
        var package = CopyPackage(TrainedWorkspace.ModelPath(workspace.First), _folder.Combine("tampered"));
        var model = Path.Combine(package, "model.zip");
        var bytes = File.ReadAllBytes(model);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(model, bytes);

        var result = await cli.RunAsync("models", "register", "fraud", "--package", package);

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("model.zip", result.Error, StringComparison.Ordinal);
        var list = (await cli.RunOkAsync("models", "list", "--json")).Json();
        Assert.Empty(list["models"]!.AsArray());
    }

    [Fact]
    public async Task History_GyreUserSet_RecordsThatUser()
    {
        var cli = _folder.Cli();
        var package = CopyPackage(TrainedWorkspace.ModelPath(workspace.First), _folder.Combine("package"));
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = _folder.Home, ["GYRE_USER"] = "alice" };
        var environment = new CliEnvironment(output, error, cli.WorkingDirectory, variables, Interactive: false);

        var exit = await GyreCli.RunAsync(["models", "register", "fraud", "--package", package, "--reason", "imported"], environment, TestContext.Current.CancellationToken);
        var history = (await cli.RunOkAsync("models", "history", "fraud", "--json")).Json();

        Assert.Equal(ExitCodes.Success, exit);
        var register = history["entries"]!.AsArray().Single(e => e!["action"]!.GetValue<string>() == "register_version")!;
        Assert.Equal("alice", register["user"]!.GetValue<string>());
        Assert.Equal("imported", register["reason"]!.GetValue<string>());
        Assert.Equal(1, register["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Predict_UnknownReferenceAndNoFolder_ExitsOneNamingBoth()
    {
        var cli = _folder.Cli();
        var input = await NewInputAsync(cli);

        var result = await cli.RunAsync("predict", "--model", "fraud@champion", "--input", input, "--output", _folder.Combine("scored.csv"));

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("No model package folder", result.Error, StringComparison.Ordinal);
        Assert.Contains("fraud@champion", result.Error, StringComparison.Ordinal);
        Assert.Contains("name=fraud not found", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Registers a copy of the first training's package as 'fraud' in this test's workspace; returns the CLI and the registry's copy.</summary>
    private async Task<(CliRunner Cli, string Copy)> RegisterFraudAsync()
    {
        var cli = _folder.Cli();
        var package = CopyPackage(TrainedWorkspace.ModelPath(workspace.First), _folder.Combine("package"));
        var json = (await cli.RunOkAsync("models", "register", "fraud", "--package", package, "--json")).Json();
        Assert.Equal("champion", json["alias"]!.GetValue<string>());
        return (cli, new Uri(json["version"]!["source"]!.GetValue<string>()).LocalPath);
    }

    private static string CopyPackage(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        return to;
    }

    private async Task<string> NewInputAsync(CliRunner cli)
    {
        var input = _folder.Combine("new.csv");
        if (!File.Exists(input))
        {
            await cli.RunOkAsync("data", "synth", "fraud", "--rows", "300", "--seed", "9", "--output", input);
        }

        return input;
    }
}
