using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Models;

/// <summary>
/// `gyre models lineage`. Tests that only read register the shared <see cref="TrainedWorkspace"/>'s runs under
/// their own model names; tests that change data files or packages train or import into a workspace of their own.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class ModelsLineageTests(TrainedWorkspace workspace) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string NewName() => "fraud-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Lineage_AliasAndVersionOfRunVersion_JsonTracesRunSpecDataAndVerifiedPackage()
    {
        var name = NewName();
        var runId = TrainedWorkspace.RunId(workspace.SmallLeaves);
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", runId);

        var byAlias = (await workspace.Cli.RunOkAsync("models", "lineage", $"{name}@champion", "--json")).Json();
        var byVersion = (await workspace.Cli.RunOkAsync("models", "lineage", $"{name}/1", "--json")).Json();
        var run = (await workspace.Cli.RunOkAsync("runs", "show", runId, "--json")).Json()["run"]!;

        var runParams = run["params"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(runId, byAlias["version"]!["run_id"]!.GetValue<string>());
        Assert.Equal(runId, byAlias["run"]!["run_id"]!.GetValue<string>());
        Assert.Equal(TrainedWorkspace.Experiment, byAlias["run"]!["experiment_name"]!.GetValue<string>());
        Assert.Equal("finished", byAlias["run"]!["status"]!.GetValue<string>());
        var spec = byAlias["spec"]!;
        Assert.Equal("run", spec["origin"]!.GetValue<string>());
        Assert.Equal(runParams["trainer"], spec["trainer"]!.GetValue<string>());
        Assert.Equal(runParams["label"], spec["label"]!.GetValue<string>());
        Assert.Equal(runParams["seed"], spec["seed"]!.GetValue<string>());
        Assert.Equal(runParams["validation.folds"], spec["validation"]!["folds"]!.GetValue<string>());
        Assert.Equal("7", spec["hyperparameters"]!["num_leaves"]!.GetValue<string>());
        var effective = spec["effective_hyperparameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var expectedEffective = runParams.Where(p => p.Key.StartsWith("trainer.", StringComparison.Ordinal)).ToDictionary(p => p.Key["trainer.".Length..], p => p.Value);
        Assert.NotEmpty(expectedEffective);
        Assert.Equal(expectedEffective.OrderBy(p => p.Key, StringComparer.Ordinal), effective.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal("7", effective["num_leaves"]);

        var dataset = Assert.Single(byAlias["datasets"]!.AsArray())!;
        Assert.Equal("training", dataset["context"]!.GetValue<string>());
        Assert.Equal(Sha256(workspace.DataPath), dataset["fingerprint"]!.GetValue<string>());
        Assert.Equal(workspace.DataPath, dataset["source"]!.GetValue<string>());
        Assert.Equal("matches", dataset["status"]!.GetValue<string>());

        var package = byAlias["package"]!;
        Assert.Equal("verified", package["check"]!.GetValue<string>());
        Assert.True(package["manifest"]!["verified"]!.GetValue<bool>());
        Assert.Equal(Sha256(workspace.DataPath), package["manifest"]!["training_data_fingerprint"]!.GetValue<string>());
        Assert.Equal(workspace.SmallLeaves["metrics"]!["roc_auc"]!.GetValue<double>(), byAlias["metrics"]!["values"]!["roc_auc"]!.GetValue<double>());
        Assert.DoesNotContain(byAlias["metrics"]!["values"]!.AsObject(), m => m.Key.StartsWith("iteration_", StringComparison.Ordinal));
        Assert.Equal("run", byAlias["metrics"]!["origin"]!.GetValue<string>());

        // The alias and the version name the same version: everything but the reference is equal.
        byAlias.AsObject().Remove("reference");
        byVersion.AsObject().Remove("reference");
        Assert.True(JsonNode.DeepEquals(byAlias, byVersion), $"{byAlias.ToJsonString()}\n!=\n{byVersion.ToJsonString()}");
    }

    [Fact]
    public async Task Lineage_Text_ShowsTreeFromVersionToData()
    {
        var name = NewName();
        var runId = TrainedWorkspace.RunId(workspace.First);
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", runId);

        var result = await workspace.Cli.RunOkAsync("models", "lineage", $"{name}@champion");

        // Each part appears, in this order, after the one before it.
        var position = 0;
        foreach (var part in new[] { $"{name}/1", "package", "verified", "manifest", $"run {runId}", "spec", "trainer", "hyperparameters used", "datasets", "training", "matches", Sha256(workspace.DataPath), "code" })
        {
            var found = result.Out.IndexOf(part, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' not found after position {position} in:\n{result.Out}");
            position = found + part.Length;
        }
    }

    [Fact]
    public async Task Lineage_DataFileChangedThenDeleted_ReportsChangedThenMissing()
    {
        var cli = _folder.Cli();
        var data = await FraudData.SynthAsync(cli, "fraud.csv", rows: 600);
        var training = (await cli.RunOkAsync("train", "--data", "fraud.csv", "--label", FraudData.Label, "--task", "binary", "--folds", "2", "--json")).Json();
        await cli.RunOkAsync("models", "register", "fraud", "--run", TrainedWorkspace.RunId(training));
        var recorded = Sha256(data);

        FraudData.SetField(data, 2, FraudData.ColumnIndex(data, "amount"), "12345.67");
        var changed = (await cli.RunOkAsync("models", "lineage", "fraud@champion", "--json")).Json();
        File.Delete(data);
        var missing = (await cli.RunOkAsync("models", "lineage", "fraud/1", "--json")).Json();

        var changedDataset = Assert.Single(changed["datasets"]!.AsArray())!;
        Assert.Equal("changed", changedDataset["status"]!.GetValue<string>());
        Assert.Equal(recorded, changedDataset["fingerprint"]!.GetValue<string>());
        Assert.NotEqual(recorded, changedDataset["current_fingerprint"]!.GetValue<string>());
        Assert.Contains(changed["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("has changed", StringComparison.Ordinal));
        var missingDataset = Assert.Single(missing["datasets"]!.AsArray())!;
        Assert.Equal("missing", missingDataset["status"]!.GetValue<string>());
        Assert.Equal(recorded, missingDataset["fingerprint"]!.GetValue<string>());
        Assert.Null(missingDataset["current_fingerprint"]);
        Assert.Contains(missing["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("no longer exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lineage_PackageRegistration_NoRunAndManifestFacts()
    {
        var name = NewName();
        var packagePath = TrainedWorkspace.ModelPath(workspace.SmallLeaves);
        await workspace.Cli.RunOkAsync("models", "register", name, "--package", packagePath);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(packagePath, "manifest.json")))!;

        var json = (await workspace.Cli.RunOkAsync("models", "lineage", $"{name}@champion", "--json")).Json();
        var text = await workspace.Cli.RunOkAsync("models", "lineage", $"{name}@champion");

        Assert.Null(json["run"]);
        Assert.Null(json["version"]!["run_id"]);
        Assert.Empty(json["datasets"]!.AsArray());
        Assert.False(json["code"]!["known"]!.GetValue<bool>());
        Assert.Contains(json["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("there is no run", StringComparison.Ordinal));
        var facts = json["package"]!["manifest"]!;
        Assert.Equal("verified", json["package"]!["check"]!.GetValue<string>());
        Assert.Equal(manifest["trainer"]!.GetValue<string>(), facts["trainer"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(manifest["hyperparameters"], facts["hyperparameters"]), facts.ToJsonString());
        Assert.Equal("7", facts["hyperparameters"]!["num_leaves"]!.GetValue<string>());
        Assert.Equal(Sha256(workspace.DataPath), facts["training_data_fingerprint"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(manifest["libraries"], facts["libraries"]), facts["libraries"]!.ToJsonString());
        Assert.Equal("package", json["spec"]!["origin"]!.GetValue<string>());
        Assert.Null(json["spec"]!["hyperparameters"]);
        Assert.True(JsonNode.DeepEquals(manifest["hyperparameters"], json["spec"]!["effective_hyperparameters"]));
        Assert.Equal("package", json["metrics"]!["origin"]!.GetValue<string>());
        Assert.Equal(manifest["metrics"]!["roc_auc"]!.GetValue<double>(), json["metrics"]!["values"]!["roc_auc"]!.GetValue<double>());
        Assert.Contains("registered from a package", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_PackageTamperedThenDeleted_StillTracesWithWarning()
    {
        var cli = _folder.Cli();
        var package = _folder.Combine("package");
        Directory.CreateDirectory(package);
        foreach (var file in Directory.GetFiles(TrainedWorkspace.ModelPath(workspace.First)))
        {
            File.Copy(file, Path.Combine(package, Path.GetFileName(file)));
        }

        var registered = (await cli.RunOkAsync("models", "register", "fraud", "--package", package, "--json")).Json();
        var copy = new Uri(registered["version"]!["source"]!.GetValue<string>()).LocalPath;
        var model = Path.Combine(copy, "model.zip");
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(model, bytes);

        var tampered = (await cli.RunOkAsync("models", "lineage", "fraud@champion", "--json")).Json();
        Directory.Delete(copy, recursive: true);
        var missing = (await cli.RunOkAsync("models", "lineage", "fraud@champion", "--json")).Json();

        var tamperedPackage = tampered["package"]!;
        Assert.Equal("tampered", tamperedPackage["check"]!.GetValue<string>());
        Assert.Contains("model.zip", tamperedPackage["problem"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(tamperedPackage["manifest"]!["verified"]!.GetValue<bool>());
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(package, "manifest.json")))!;
        Assert.Equal(original["trainer"]!.GetValue<string>(), tamperedPackage["manifest"]!["trainer"]!.GetValue<string>());
        Assert.Contains(tampered["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("fails verification", StringComparison.Ordinal));
        Assert.Equal("missing", missing["package"]!["check"]!.GetValue<string>());
        Assert.Null(missing["package"]!["manifest"]);
        Assert.Equal(registered["version"]!["package"]!["sha256"]!.GetValue<string>(), missing["package"]!["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lineage_TrainedInGitCheckout_ReportsHeadCommit()
    {
        var cli = _folder.Cli("repo");
        await File.WriteAllTextAsync(Path.Combine(cli.WorkingDirectory, "train.yaml"), "# spec\n", TestContext.Current.CancellationToken);
        await GitAsync(cli.WorkingDirectory, "init", "--quiet");
        await GitAsync(cli.WorkingDirectory, "add", "train.yaml");
        await GitAsync(cli.WorkingDirectory, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "initial");
        var head = (await GitAsync(cli.WorkingDirectory, "rev-parse", "HEAD")).Trim();
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 600);
        var training = (await cli.RunOkAsync("train", "--data", "fraud.csv", "--label", FraudData.Label, "--task", "binary", "--folds", "2", "--json")).Json();
        await cli.RunOkAsync("models", "register", "fraud", "--run", TrainedWorkspace.RunId(training));

        var json = (await cli.RunOkAsync("models", "lineage", "fraud@champion", "--json")).Json();
        var text = await cli.RunOkAsync("models", "lineage", "fraud@champion");

        Assert.Equal(40, head.Length);
        Assert.True(json["code"]!["known"]!.GetValue<bool>());
        Assert.Equal(head, json["code"]!["git_commit"]!.GetValue<string>());
        Assert.Contains($"git commit {head}", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(json["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("git commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lineage_UnknownModel_ExitsOneNamingIt()
    {
        var cli = _folder.Cli();

        var unknown = await cli.RunAsync("models", "lineage", "nosuchmodel@champion");
        var malformed = await cli.RunAsync("models", "lineage", "nosuchmodel");

        unknown.AssertExit(ExitCodes.Failure);
        Assert.Contains("nosuchmodel", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("not found", unknown.Error, StringComparison.Ordinal);
        Assert.Empty(unknown.Out);
        malformed.AssertExit(ExitCodes.Failure);
        Assert.Contains("NAME@ALIAS", malformed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_Help_DescribesCommandAndJson()
    {
        var result = await _folder.Cli().RunOkAsync("models", "lineage", "--help");

        Assert.Contains("Trace a registered version", result.Out, StringComparison.Ordinal);
        Assert.Contains("--json", result.Out, StringComparison.Ordinal);
        Assert.Contains("NAME@ALIAS", result.Out, StringComparison.Ordinal);
    }

    /// <summary>The SHA-256 of the file's bytes, computed here independently of Gyre's fingerprinting.</summary>
    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static async Task<string> GitAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {await error}");
        return await output;
    }
}
