using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Models;

/// <summary>`gyre models promote` on the shared <see cref="TrainedWorkspace"/>, with its runs' recorded metrics.</summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class ModelsPromoteTests(TrainedWorkspace workspace)
{
    private static string NewName() => "promote-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<string> PolicyAsync(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), "gyre-policy-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(path, yaml, TestContext.Current.CancellationToken);
        return path;
    }

    private async Task<string> RegisterPairAsync()
    {
        var name = NewName();
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", TrainedWorkspace.RunId(workspace.First));
        await workspace.Cli.RunOkAsync("models", "register", name, "--run", TrainedWorkspace.RunId(workspace.SmallLeaves), "--alias", "challenger");
        return name;
    }

    [Fact]
    public async Task Promote_DeltaNotMet_ExitsOneKeepsChampionAndAuditsRefusal()
    {
        var name = await RegisterPairAsync();
        // An improvement of 1.0 in roc_auc is impossible, so the primary rule must fail whatever the runs scored.
        var policy = await PolicyAsync("primary_metric: roc_auc\nmin_improvement: 1.0\n");
        try
        {
            var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", policy, "--json");

            result.AssertExit(1);
            var json = result.Json();
            Assert.False(json["promoted"]!.GetValue<bool>());
            Assert.Equal(workspace.First["metrics"]!["roc_auc"]!.GetValue<double>(), json["rules"]![0]!["champion"]!.GetValue<double>());
            var champion = (await workspace.Cli.RunOkAsync("models", "show", $"{name}@champion", "--json")).Json();
            Assert.Equal(1, champion["version"]!["version"]!.GetValue<int>());
            var history = await workspace.Cli.RunOkAsync("models", "history", name);
            Assert.Contains("promotion_refused", history.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public async Task Promote_PermissivePolicy_MovesChampionAndHistoryShowsPromote()
    {
        var name = await RegisterPairAsync();
        // max regression 1.0 on roc_auc (its whole range): the challenger is allowed whatever it scored.
        var policy = await PolicyAsync("primary_metric: roc_auc\nmin_improvement: 0\nmax_regression:\n  roc_auc: 1.0\n");
        var first = workspace.First["metrics"]!["roc_auc"]!.GetValue<double>();
        var second = workspace.SmallLeaves["metrics"]!["roc_auc"]!.GetValue<double>();
        try
        {
            var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", policy);

            // The primary rule needs a non-negative improvement; which run scored higher decides the outcome.
            var expectPromoted = second >= first;
            result.AssertExit(expectPromoted ? 0 : 1);
            var champion = (await workspace.Cli.RunOkAsync("models", "show", $"{name}@champion", "--json")).Json();
            Assert.Equal(expectPromoted ? 2 : 1, champion["version"]!["version"]!.GetValue<int>());
            var history = await workspace.Cli.RunOkAsync("models", "history", name);
            Assert.Contains(expectPromoted ? "promote" : "promotion_refused", history.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public async Task Promote_BadPolicyField_FailsNamingLineAndField()
    {
        var name = await RegisterPairAsync();
        var policy = await PolicyAsync("primary_metric: roc_auc\nmin_improvement: lots\n");
        try
        {
            var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", policy);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains(":2:", result.Error, StringComparison.Ordinal);
            Assert.Contains("min_improvement", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(policy);
        }
    }
}
