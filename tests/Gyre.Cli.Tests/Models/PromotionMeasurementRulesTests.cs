using Gyre.Core;
using Gyre.Pipelines.Registry;
using Gyre.Registry.Promotion;

namespace Gyre.Cli.Tests.Models;

/// <summary>The pure rules that take measurements (bootstrap interval, latency) and the policy keys that ask for them.</summary>
public sealed class PromotionMeasurementRulesTests
{
    private static readonly Dictionary<string, double> Champion = new() { ["roc_auc"] = 0.80 };
    private static readonly Dictionary<string, double> Challenger = new() { ["roc_auc"] = 0.84 };

    private static PromotionPolicy Policy(double delta = 0.01, bool significant = false, double? latency = null) =>
        new("roc_auc", delta, new Dictionary<string, double>(), RequireCompatibleSignature: false) { RequireSignificant = significant, MaxLatencyMsP95 = latency };

    private static PromotionDecision Evaluate(PromotionPolicy policy, PromotionMeasurements? measurements) =>
        PromotionRules.Evaluate(policy, Champion, Challenger, null, null, measurements);

    [Fact]
    public void Evaluate_RequireSignificantLowerBoundBelowDelta_RefusesWithInterval()
    {
        var decision = Evaluate(Policy(significant: true), new PromotionMeasurements(new ImprovementInterval("roc_auc", 0.005, 0.07, 0.95, 1000, 42)));

        Assert.False(decision.Promote);
        Assert.Contains("[0.005, 0.07]", decision.Rules[0].Message, StringComparison.Ordinal);
        Assert.Contains("require_significant", decision.Rules[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RequireSignificantLowerBoundAtDelta_Promotes()
    {
        var decision = Evaluate(Policy(significant: true), new PromotionMeasurements(new ImprovementInterval("roc_auc", 0.01, 0.07, 0.95, 1000, 42)));

        Assert.True(decision.Promote);
    }

    [Fact]
    public void Evaluate_IntervalWithoutRequireSignificant_ReportedButNotBinding()
    {
        var decision = Evaluate(Policy(), new PromotionMeasurements(new ImprovementInterval("roc_auc", -0.02, 0.07, 0.95, 1000, 42)));

        Assert.True(decision.Promote);
        Assert.Contains("95% interval [-0.02, 0.07]", decision.Rules[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RequireSignificantWithoutInterval_Refuses()
    {
        var decision = Evaluate(Policy(significant: true), null);

        Assert.False(decision.Promote);
    }

    [Theory]
    [InlineData(2.5, 3.0, true)]
    [InlineData(3.0, 3.0, true)]
    [InlineData(3.5, 3.0, false)]
    public void Evaluate_LatencyBound_PassesOnlyWhenChallengerP95WithinBound(double challengerP95, double bound, bool passes)
    {
        var decision = Evaluate(Policy(latency: bound), new PromotionMeasurements(null, 1.25, challengerP95));

        var rule = decision.Rules.Single(r => r.Rule == "max_latency_ms_p95");
        Assert.Equal(passes, rule.Passed);
        Assert.Equal(1.25, rule.Champion);
        Assert.Equal(challengerP95, rule.Challenger);
        Assert.Equal(bound, rule.Threshold);
        Assert.Equal(passes, decision.Promote);
    }

    [Fact]
    public void Evaluate_LatencyBoundWithoutMeasurement_Refuses()
    {
        var decision = Evaluate(Policy(latency: 5), null);

        Assert.False(decision.Rules.Single(r => r.Rule == "max_latency_ms_p95").Passed);
    }

    [Fact]
    public void Parse_NewKeys_ReadIntoPolicy()
    {
        var policy = ModelPromotionPolicyReader.Parse("primary_metric: roc_auc\nrequire_significant: true\nmax_latency_ms_p95: 2.5\n", "p.yaml");

        Assert.True(policy.RequireSignificant);
        Assert.Equal(2.5, policy.MaxLatencyMsP95);
        Assert.True(policy.NeedsEvaluationData);
    }

    [Fact]
    public void Parse_NoNewKeys_DefaultsNeedNoEvaluationData()
    {
        var policy = ModelPromotionPolicyReader.Parse("primary_metric: roc_auc\n", "p.yaml");

        Assert.False(policy.RequireSignificant);
        Assert.Null(policy.MaxLatencyMsP95);
        Assert.False(policy.NeedsEvaluationData);
    }

    [Theory]
    [InlineData("max_latency_ms_p95: 0\n")]
    [InlineData("max_latency_ms_p95: fast\n")]
    public void Parse_LatencyNotPositive_ThrowsNamingLineAndField(string line)
    {
        var error = Assert.Throws<GyreException>(() => ModelPromotionPolicyReader.Parse("primary_metric: roc_auc\n" + line, "p.yaml"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("p.yaml:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_latency_ms_p95", error.Message, StringComparison.Ordinal);
    }
}
