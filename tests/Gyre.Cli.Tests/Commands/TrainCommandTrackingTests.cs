using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Commands;

/// <summary>
/// What `gyre train --json` reports and what it leaves behind (model package, reproducibility), on the
/// shared <see cref="TrainedWorkspace"/>.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class TrainCommandTrackingTests(TrainedWorkspace workspace)
{
    [Fact]
    public void Train_Json_ReportsRunMetricsCrossValidationAndPackage()
    {
        var report = workspace.First;

        Assert.Matches("^[0-9a-f]{32}$", report["run_id"]!.GetValue<string>());
        Assert.Equal("binary", report["task"]!.GetValue<string>());
        Assert.Equal("lightgbm", report["trainer"]!.GetValue<string>());
        Assert.Equal("1", report["positive_class"]!.GetValue<string>());
        var rocAuc = report["metrics"]!["roc_auc"]!.GetValue<double>();
        Assert.True(rocAuc is > 0.5 and <= 1.0, $"roc_auc {rocAuc}");
        Assert.Equal(FraudData.Rows, report["training_rows"]!.GetValue<int>() + report["evaluation_rows"]!.GetValue<int>());
        Assert.Equal("holdout", report["evaluation_source"]!.GetValue<string>());
        var crossValidation = report["cross_validation"]!.AsObject();
        Assert.Contains("roc_auc", crossValidation.Select(c => c.Key));
        foreach (var (name, summary) in crossValidation)
        {
            var folds = summary!["folds"]!.AsArray().Select(f => f!.GetValue<double>()).ToList();
            Assert.True(folds.Count == TrainedWorkspace.Folds, $"cross_validation.{name} has {folds.Count} folds");
            Assert.Equal(folds.Average(), summary["mean"]!.GetValue<double>(), 12);
        }

        var modelPath = TrainedWorkspace.ModelPath(report);
        Assert.True(Path.IsPathRooted(modelPath));
        Assert.True(File.Exists(Path.Combine(modelPath, "manifest.json")), $"no manifest.json in {modelPath}");
        Assert.True(File.Exists(Path.Combine(modelPath, "model.zip")), $"no model.zip in {modelPath}");
    }

    [Fact]
    public void Train_Json_DataFingerprintIsSha256OfTheFile()
    {
        Assert.Equal(Sha256(workspace.DataPath), workspace.First["data_fingerprint"]!.GetValue<string>());
    }

    [Fact]
    public void Train_SameSeedTwice_IdenticalMetricsAndHyperparameters()
    {
        var first = workspace.First;
        var second = workspace.Second;

        Assert.NotEqual(TrainedWorkspace.RunId(first), TrainedWorkspace.RunId(second));
        Assert.Equal(first["metrics"]!.ToJsonString(), second["metrics"]!.ToJsonString());
        Assert.Equal(first["cross_validation"]!.ToJsonString(), second["cross_validation"]!.ToJsonString());
        Assert.Equal(first["confusion_matrix"]!.ToJsonString(), second["confusion_matrix"]!.ToJsonString());
        Assert.Equal(first["hyperparameters"]!.ToJsonString(), second["hyperparameters"]!.ToJsonString());
    }

    [Fact]
    public void Train_HyperparameterFlag_ChangesEffectiveHyperparameterAndModel()
    {
        Assert.Equal("7", workspace.SmallLeaves["hyperparameters"]!["num_leaves"]!.GetValue<string>());
        Assert.NotEqual("7", workspace.First["hyperparameters"]!["num_leaves"]!.GetValue<string>());
        Assert.NotEqual(workspace.First["metrics"]!.ToJsonString(), workspace.SmallLeaves["metrics"]!.ToJsonString());
    }

    [Fact]
    public async Task Train_FraudData_PackageSignatureLeavesOutIdentifierAndLabel()
    {
        var manifestPath = Path.Combine(TrainedWorkspace.ModelPath(workspace.First), "manifest.json");
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath, TestContext.Current.CancellationToken));

        var inputs = manifest.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();

        Assert.DoesNotContain("transaction_id", inputs);
        Assert.DoesNotContain(FraudData.Label, inputs);
        Assert.Contains("amount", inputs);
        Assert.Contains("merchant_category", inputs);
        Assert.Equal(FraudData.Label, manifest.RootElement.GetProperty("label").GetString());
        Assert.Equal(Sha256(workspace.DataPath), manifest.RootElement.GetProperty("training_data_fingerprint").GetString());
    }

    internal static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    internal static string Str(JsonNode node, string key) => node[key]?.GetValue<string>() ?? throw new KeyNotFoundException($"'{key}' missing in {node.ToJsonString()}");
}
