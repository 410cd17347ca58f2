using System.Security.Cryptography;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Models;

/// <summary>
/// `gyre models` on the shared <see cref="TrainedWorkspace"/>: each test registers under its own model name, so
/// tests never see each other's models; runs and their packages are only read.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class ModelsCommandsTests(TrainedWorkspace workspace)
{
    private static string NewName() => "fraud-" + Guid.NewGuid().ToString("N")[..8];

    private string FirstRun => TrainedWorkspace.RunId(workspace.First);

    private string SmallLeavesRun => TrainedWorkspace.RunId(workspace.SmallLeaves);

    [Fact]
    public async Task Register_FromRunOfNewModel_FirstVersionBecomesChampionAndSaysSo()
    {
        var name = NewName();

        var json = (await workspace.Cli.RunOkAsync("models", "register", name, "--run", FirstRun, "--json")).Json();
        var text = await workspace.Cli.RunOkAsync("models", "register", name, "--run", SmallLeavesRun);

        Assert.True(json["created_model"]!.GetValue<bool>());
        Assert.Equal("champion", json["alias"]!.GetValue<string>());
        var version = json["version"]!;
        Assert.Equal(1, version["version"]!.GetValue<int>());
        Assert.Equal($"runs:/{FirstRun}/model", version["source"]!.GetValue<string>());
        Assert.Equal(FirstRun, version["run_id"]!.GetValue<string>());
        Assert.Equal(["champion"], version["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(ManifestSha256(TrainedWorkspace.ModelPath(workspace.First)), version["package"]!["sha256"]!.GetValue<string>());
        Assert.Equal("mlnet", version["package"]!["flavor"]!.GetValue<string>());
        var recordedAuc = version["package"]!["metrics"]!["roc_auc"]!.GetValue<double>();
        Assert.Equal(workspace.First["metrics"]!["roc_auc"]!.GetValue<double>(), recordedAuc);
        var signature = version["package"]!["signature"]!;
        Assert.Contains(signature["inputs"]!.AsArray(), i => i!["name"]!.GetValue<string>() == "amount");
        Assert.DoesNotContain(signature["inputs"]!.AsArray(), i => i!["name"]!.GetValue<string>() == FraudData.Label);
        Assert.Contains("probability", signature["outputs"]!.ToJsonString(), StringComparison.Ordinal);
        // The second version of an existing model gets no alias.
        Assert.Contains($"Registered version 2 of '{name}'", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("champion", text.Out, StringComparison.Ordinal);
        var champion = (await workspace.Cli.RunOkAsync("models", "show", $"{name}@champion", "--json")).Json();
        Assert.Equal(1, champion["version"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Register_FirstVersionText_SaysItBecameChampion()
    {
        var result = await workspace.Cli.RunOkAsync("models", "register", NewName(), "--run", FirstRun);

        Assert.Contains("Alias 'champion' now points to", result.Out, StringComparison.Ordinal);
        Assert.Contains("--no-alias", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_NoAlias_FirstVersionHasNoAlias()
    {
        var name = NewName();

        var json = (await workspace.Cli.RunOkAsync("models", "register", name, "--run", FirstRun, "--no-alias", "--json")).Json();

        Assert.Null(json["alias"]);
        Assert.Empty(json["version"]!["aliases"]!.AsArray());
        var show = await workspace.Cli.RunAsync("models", "show", $"{name}@champion");
        show.AssertExit(ExitCodes.Failure);
    }

    [Fact]
    public async Task Register_FromPackage_CopiesIntoRegistryAreaWithRecordedChecksum()
    {
        var name = NewName();
        var package = TrainedWorkspace.ModelPath(workspace.SmallLeaves);

        var json = (await workspace.Cli.RunOkAsync("models", "register", name, "--package", package, "--alias", "challenger", "--json")).Json();

        var version = json["version"]!;
        var source = version["source"]!.GetValue<string>();
        Assert.StartsWith("file://", source, StringComparison.Ordinal);
        Assert.Contains("/registry/packages/", source, StringComparison.Ordinal);
        var copy = new Uri(source).LocalPath;
        Assert.NotEqual(Path.GetFullPath(package), copy);
        Assert.Equal(File.ReadAllBytes(Path.Combine(package, "model.zip")), File.ReadAllBytes(Path.Combine(copy, "model.zip")));
        Assert.Equal(ManifestSha256(package), version["package"]!["sha256"]!.GetValue<string>());
        Assert.EndsWith(ManifestSha256(package), copy, StringComparison.Ordinal);
        Assert.Null(version["run_id"]);
        Assert.Equal("challenger", json["alias"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_BothRunAndPackage_UsageErrorExitTwo()
    {
        var result = await workspace.Cli.RunAsync("models", "register", NewName(), "--run", FirstRun, "--package", TrainedWorkspace.ModelPath(workspace.First));
        var neither = await workspace.Cli.RunAsync("models", "register", NewName());

        result.AssertExit(ExitCodes.Usage);
        neither.AssertExit(ExitCodes.Usage);
        Assert.Contains("exactly one of --run", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ReservedAlias_RefusedBeforeAnythingIsRecorded()
    {
        var name = NewName();

        var result = await workspace.Cli.RunAsync("models", "register", name, "--run", FirstRun, "--alias", "latest");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("'latest'", result.Error, StringComparison.Ordinal);
        var show = await workspace.Cli.RunAsync("models", "show", name);
        show.AssertExit(ExitCodes.Failure);
    }

    [Fact]
    public async Task Alias_MoveChampion_ReportsPreviousVersionAndReferencesFollow()
    {
        var name = NewName();
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", FirstRun);
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", SmallLeavesRun);

        var moved = (await workspace.Cli.RunOkAsync("models", "alias", name, "champion", "2", "--reason", "better auc", "--json")).Json();
        var text = await workspace.Cli.RunOkAsync("models", "alias", name, "champion", "1");

        Assert.Equal(2, moved["version"]!.GetValue<int>());
        Assert.Equal(1, moved["previous_version"]!.GetValue<int>());
        Assert.Contains("from version 2 to version 1", text.Out, StringComparison.Ordinal);
        var show = (await workspace.Cli.RunOkAsync("models", "show", name, "--json")).Json();
        Assert.Equal(1, show["model"]!["aliases"]!["champion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Alias_UnknownVersion_ExitsOne()
    {
        var name = NewName();
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", FirstRun);

        var result = await workspace.Cli.RunAsync("models", "alias", name, "champion", "7");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("version=7", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Json_ListsModelWithLatestVersionAndAliases()
    {
        var name = NewName();
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", FirstRun);
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", SmallLeavesRun, "--alias", "challenger");

        var json = (await workspace.Cli.RunOkAsync("models", "list", "--json")).Json();
        var text = await workspace.Cli.RunOkAsync("models", "list");

        var model = json["models"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == name)!;
        Assert.Equal(2, model["latest_version"]!.GetValue<int>());
        Assert.Equal(1, model["aliases"]!["champion"]!.GetValue<int>());
        Assert.Equal(2, model["aliases"]!["challenger"]!.GetValue<int>());
        Assert.Contains(name, text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ModelAndVersionReferences_Json()
    {
        var name = NewName();
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", FirstRun, "--description", "baseline");
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", SmallLeavesRun);

        var model = (await workspace.Cli.RunOkAsync("models", "show", name, "--json")).Json();
        var second = (await workspace.Cli.RunOkAsync("models", "show", $"{name}/2", "--json")).Json();
        var text = await workspace.Cli.RunOkAsync("models", "show", $"{name}@champion");

        Assert.Equal([2, 1], model["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("baseline", model["versions"]![1]!["description"]!.GetValue<string>());
        Assert.Equal(SmallLeavesRun, second["version"]!["run_id"]!.GetValue<string>());
        Assert.Contains($"runs:/{FirstRun}/model", text.Out, StringComparison.Ordinal);
        var missing = await workspace.Cli.RunAsync("models", "show", $"{name}/9");
        missing.AssertExit(ExitCodes.Failure);
    }

    [Fact]
    public async Task Diff_TwoVersions_ReportsHyperparameterMetricAndSourceDifferences()
    {
        var name = NewName();
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", FirstRun);
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", SmallLeavesRun);

        var json = (await workspace.Cli.RunOkAsync("models", "diff", $"{name}@champion", $"{name}/2", "--json")).Json();
        var text = await workspace.Cli.RunOkAsync("models", "diff", $"{name}/1", $"{name}/2");

        Assert.Equal($"{name}/1", json["a"]!.GetValue<string>());
        Assert.Equal("7", json["params"]!["hyperparameters.num_leaves"]!["b"]!.GetValue<string>());
        Assert.Null(json["params"]!["trainer"]);
        var auc = json["metrics"]!["roc_auc"]!;
        var a = workspace.First["metrics"]!["roc_auc"]!.GetValue<double>();
        var b = workspace.SmallLeaves["metrics"]!["roc_auc"]!.GetValue<double>();
        Assert.Equal(a, auc["a"]!.GetValue<double>());
        Assert.Equal(b, auc["b"]!.GetValue<double>());
        Assert.Equal(b - a, auc["delta"]!.GetValue<double>(), 12);
        Assert.True(json["signature"]!["equal"]!.GetValue<bool>());
        Assert.True(json["flavor"]!["equal"]!.GetValue<bool>());
        Assert.False(json["source"]!["equal"]!.GetValue<bool>());
        Assert.Contains("hyperparameters.num_leaves", text.Out, StringComparison.Ordinal);
        Assert.Contains("Signatures are identical.", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_VersionThenModel_RemovesThemAndHistoryKeepsEverything()
    {
        var name = NewName();
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", FirstRun, "--reason", "first model");
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", SmallLeavesRun);
        await workspace.Cli.RunOkAsync("models", "alias", name, "champion", "2", "--reason", "promote small leaves");

        var deletedVersion = (await workspace.Cli.RunOkAsync("models", "delete", name, "--version", "2", "--reason", "bad", "--json")).Json();
        var show = (await workspace.Cli.RunOkAsync("models", "show", name, "--json")).Json();
        await workspace.Cli.RunOkAsync("models", "delete", name, "--reason", "retired");
        var gone = await workspace.Cli.RunAsync("models", "show", name);
        var history = (await workspace.Cli.RunOkAsync("models", "history", name, "--json")).Json();
        var historyText = await workspace.Cli.RunOkAsync("models", "history", name);

        Assert.Equal(2, deletedVersion["deleted"]!["version"]!.GetValue<int>());
        Assert.Equal([1], show["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.Null(show["model"]!["aliases"]!["champion"]);
        gone.AssertExit(ExitCodes.Failure);
        var entries = history["entries"]!.AsArray().Select(e => e!).ToList();
        var actions = entries.Select(e => e["action"]!.GetValue<string>()).ToList();
        Assert.Equal("create_model", actions[0]);
        Assert.Equal(2, actions.Count(a => a == "register_version"));
        Assert.Contains("set_alias", actions);
        Assert.Contains("delete_version", actions);
        Assert.Equal("delete_model", actions[^1]);
        Assert.Equal("retired", entries[^1]["reason"]!.GetValue<string>());
        Assert.Contains(entries, e => e["action"]!.GetValue<string>() == "set_alias" && e["version"]?.GetValue<int>() == 2 && e["reason"]?.GetValue<string>() == "promote small leaves");
        Assert.All(entries, e => Assert.Equal(Environment.UserName, e["user"]!.GetValue<string>()));
        Assert.Equal(entries.Select(e => e["sequence"]!.GetValue<long>()).Order(), entries.Select(e => e["sequence"]!.GetValue<long>()));
        Assert.Contains("delete_model", historyText.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EveryModelsVerb_DescribesItself()
    {
        foreach (var verb in new[] { "register", "alias", "list", "show", "diff", "delete", "history" })
        {
            var result = await workspace.Cli.RunOkAsync("models", verb, "--help");
            Assert.Contains("Usage", result.Out, StringComparison.Ordinal);
        }
    }

    internal static string ManifestSha256(string packageFolder) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(packageFolder, "manifest.json"))));
}
