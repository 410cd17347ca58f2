using System.Globalization;
using System.Text.Json.Nodes;

namespace Gyre.Cli.Tests.Models;

/// <summary>
/// `gyre models promote --eval DATA`: both versions scored on the same rows, the paired bootstrap interval, the
/// latency rule and the exit codes, on <see cref="PromotionEvalWorkspace"/>'s weak (sdca, 200 rows) and strong
/// (LightGBM, 3000 rows) models.
/// </summary>
public sealed class ModelsPromoteEvalTests(PromotionEvalWorkspace workspace) : IClassFixture<PromotionEvalWorkspace>
{
    // The weak model saw only 200 rows, so its one-hot 'country' input knows fewer categories than the strong one's:
    // the signatures differ by design here, and the signature rule (tested elsewhere) is switched off.
    private const string AucPolicy = "primary_metric: roc_auc\nmin_improvement: 0.01\nrequire_compatible_signature: false\n";

    [Fact]
    public async Task Promote_WeakChampionStrongChallengerOnEval_PromotedWithEvalMetricsAndInterval()
    {
        var name = await workspace.RegisterPairAsync(workspace.WeakRunId, workspace.StrongRunId);

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", workspace.Policy(AucPolicy), "--eval", workspace.EvalPath, "--json");

        result.AssertExit(0);
        var json = result.Json();
        Assert.True(json["promoted"]!.GetValue<bool>());
        Assert.Equal("eval:" + workspace.EvalPath, json["metrics_source"]!.GetValue<string>());
        Assert.Equal(1000, json["evaluation_rows"]!.GetValue<int>());
        var rule = json["rules"]![0]!;
        Assert.Equal("primary_metric roc_auc", rule["rule"]!.GetValue<string>());
        Assert.Equal(json["metrics"]!["champion"]!["roc_auc"]!.GetValue<double>(), rule["champion"]!.GetValue<double>());
        Assert.Equal(json["metrics"]!["challenger"]!["roc_auc"]!.GetValue<double>(), rule["challenger"]!.GetValue<double>());
        var observed = rule["challenger"]!.GetValue<double>() - rule["champion"]!.GetValue<double>();
        var bootstrap = json["bootstrap"]!;
        Assert.Equal("roc_auc", bootstrap["metric"]!.GetValue<string>());
        Assert.InRange(observed, bootstrap["lower"]!.GetValue<double>(), bootstrap["upper"]!.GetValue<double>());
        Assert.Equal(2, await workspace.ChampionVersionAsync(name));
        var promote = (await workspace.HistoryAsync(name)).Last(e => e!["action"]!.GetValue<string>() == "promote")!;
        Assert.Equal(bootstrap["lower"]!.GetValue<double>(), promote["details"]!["bootstrap"]!["lower"]!.GetValue<double>());
        Assert.StartsWith("eval:", promote["details"]!["metrics_source"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_StrongChampionWeakChallengerOnEval_RefusedExitOneWithRuleNumbersAndNothingChanged()
    {
        var name = await workspace.RegisterPairAsync(workspace.StrongRunId, workspace.WeakRunId);

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", workspace.Policy(AucPolicy), "--eval", workspace.EvalPath);

        result.AssertExit(1);
        Assert.Equal(1, await workspace.ChampionVersionAsync(name));
        var refused = (await workspace.HistoryAsync(name))[^1]!;
        Assert.Equal("promotion_refused", refused["action"]!.GetValue<string>());
        var rule = refused["details"]!["rules"]![0]!;
        Assert.False(rule["passed"]!.GetValue<bool>());
        // The human output names the failing rule and shows the numbers the audit entry recorded.
        Assert.Contains("FAIL primary_metric roc_auc", result.Out, StringComparison.Ordinal);
        Assert.Contains(rule["champion"]!.GetValue<double>().ToString("G6", CultureInfo.InvariantCulture), result.Out, StringComparison.Ordinal);
        Assert.Contains(rule["challenger"]!.GetValue<double>().ToString("G6", CultureInfo.InvariantCulture), result.Out, StringComparison.Ordinal);
        Assert.Contains("Refused", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_SamePackageTwice_BootstrapIntervalIsExactlyZero()
    {
        var name = await workspace.RegisterPairAsync(workspace.StrongRunId, workspace.StrongRunId);

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", workspace.Policy("primary_metric: roc_auc\n"), "--eval", workspace.EvalPath, "--json");

        result.AssertExit(0);
        var bootstrap = result.Json()["bootstrap"]!;
        Assert.Equal(0.0, bootstrap["lower"]!.GetValue<double>());
        Assert.Equal(0.0, bootstrap["upper"]!.GetValue<double>());
        Assert.Equal(1000, bootstrap["replicates"]!.GetValue<int>());
    }

    [Fact]
    public async Task Promote_RequireSignificantOnIdenticalVersionsWithPositiveDelta_Refused()
    {
        var name = await workspace.RegisterPairAsync(workspace.StrongRunId, workspace.StrongRunId);
        var policy = workspace.Policy("primary_metric: roc_auc\nmin_improvement: 0.000001\nrequire_significant: true\n");

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", policy, "--eval", workspace.EvalPath, "--json");

        result.AssertExit(1);
        var rule = result.Json()["rules"]![0]!;
        Assert.False(rule["passed"]!.GetValue<bool>());
        Assert.Contains("require_significant", rule["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await workspace.ChampionVersionAsync(name));
    }

    [Fact]
    public async Task Promote_LatencyBoundAbsurdlySmall_RefusedOnLatencyRule()
    {
        var name = await workspace.RegisterPairAsync(workspace.WeakRunId, workspace.StrongRunId);
        var policy = workspace.Policy(AucPolicy + "max_latency_ms_p95: 0.000001\n");

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", policy, "--eval", workspace.EvalPath, "--json");

        result.AssertExit(1);
        var json = result.Json();
        var latency = json["rules"]!.AsArray().Single(r => r!["rule"]!.GetValue<string>() == "max_latency_ms_p95")!;
        Assert.False(latency["passed"]!.GetValue<bool>());
        Assert.Equal(0.000001, latency["threshold"]!.GetValue<double>());
        Assert.Equal(json["latency"]!["challenger_p95_ms"]!.GetValue<double>(), latency["challenger"]!.GetValue<double>());
        Assert.True(json["latency"]!["champion_p95_ms"]!.GetValue<double>() > 0);
        Assert.Equal(1, await workspace.ChampionVersionAsync(name));
    }

    [Fact]
    public async Task Promote_LatencyBoundHuge_Promoted()
    {
        var name = await workspace.RegisterPairAsync(workspace.WeakRunId, workspace.StrongRunId);
        var policy = workspace.Policy(AucPolicy + "max_latency_ms_p95: 1000000\n");

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", policy, "--eval", workspace.EvalPath);

        result.AssertExit(0);
        Assert.Contains("max_latency_ms_p95", result.Out, StringComparison.Ordinal);
        Assert.Contains("Single-row scoring latency p95", result.Out, StringComparison.Ordinal);
        Assert.Equal(2, await workspace.ChampionVersionAsync(name));
    }

    [Theory]
    [InlineData("max_latency_ms_p95: 5\n", "max_latency_ms_p95")]
    [InlineData("require_significant: true\n", "require_significant")]
    public async Task Promote_RuleNeedsEvalWithoutEval_UsageExitTwoAndNothingChanged(string extra, string key)
    {
        var name = await workspace.RegisterPairAsync(workspace.WeakRunId, workspace.StrongRunId);

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", workspace.Policy(AucPolicy + extra));

        result.AssertExit(2);
        Assert.Contains(key, result.Error, StringComparison.Ordinal);
        Assert.Contains("--eval", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, await workspace.ChampionVersionAsync(name));
        Assert.DoesNotContain(await workspace.HistoryAsync(name), e => e!["action"]!.GetValue<string>() is "promote" or "promotion_refused");
    }

    [Theory]
    [InlineData("primary_metric: roc_auc\nmax_latency_ms_p95: -3\n", ":2:", "max_latency_ms_p95")]
    [InlineData("primary_metric: roc_auc\nrequire_significant: maybe\n", ":2:", "require_significant")]
    [InlineData("primary_metric: roc_auc\nmax_regression:\n  recall: -0.1\n", ":3:", "max_regression.recall")]
    [InlineData("primary_metric: roc_auc\nmin_improvment: 0.1\n", ":2:", "min_improvment")]
    [InlineData("min_improvement: 0.1\n", ":1:", "primary_metric")]
    public async Task Promote_BadPolicy_UsageExitTwoNamingFileLineAndKey(string yaml, string line, string key)
    {
        var name = await workspace.RegisterPairAsync(workspace.WeakRunId, workspace.StrongRunId);
        var policy = workspace.Policy(yaml);

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", policy, "--eval", workspace.EvalPath);

        result.AssertExit(2);
        Assert.Contains(policy + line, result.Error, StringComparison.Ordinal);
        Assert.Contains(key, result.Error, StringComparison.Ordinal);
        Assert.Equal(1, await workspace.ChampionVersionAsync(name));
    }

    [Fact]
    public async Task Promote_EvalRowBreaksSignature_FailsNamingLineAndNothingChanged()
    {
        var name = await workspace.RegisterPairAsync(workspace.WeakRunId, workspace.StrongRunId);
        var bad = Path.Combine(workspace.Cli.WorkingDirectory, "eval-bad-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        File.Copy(workspace.EvalPath, bad);
        var column = Array.FindIndex(File.ReadLines(bad).First().Split(','), c => c == "amount");
        Assert.True(column >= 0, "the synthetic fraud data has an 'amount' column");
        Support.FraudData.SetField(bad, 5, column, "lots");

        var result = await workspace.Cli.RunAsync("models", "promote", name, "--policy", workspace.Policy(AucPolicy), "--eval", bad);

        result.AssertExit(1);
        Assert.Contains("line 5", result.Error, StringComparison.Ordinal);
        Assert.Contains("amount", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, await workspace.ChampionVersionAsync(name));
    }
}
