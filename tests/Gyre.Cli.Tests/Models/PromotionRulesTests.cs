using Gyre.Core;
using Gyre.Registry.Promotion;

namespace Gyre.Cli.Tests.Models;

/// <summary>The pure promotion rules: direction-aware improvement, regression bounds, missing metrics, signatures.</summary>
public sealed class PromotionRulesTests
{
    private const string Signature =
        """{"inputs":[{"name":"amount","type":"float"},{"name":"country","type":"string"}],"outputs":[{"name":"score","type":"float"}]}""";

    private static readonly Dictionary<string, double> NoRegression = [];

    private static PromotionPolicy Policy(string primary, double delta, Dictionary<string, double>? regression = null, bool signature = true) =>
        new(primary, delta, regression ?? NoRegression, signature);

    [Fact]
    public void Evaluate_ChallengerBetterByMoreThanDelta_Promotes()
    {
        var decision = PromotionRules.Evaluate(Policy("auc", 0.01), new Dictionary<string, double> { ["auc"] = 0.80 },
            new Dictionary<string, double> { ["auc"] = 0.85 }, Signature, Signature);

        Assert.True(decision.Promote);
        var primary = decision.Rules[0];
        Assert.Equal(0.80, primary.Champion);
        Assert.Equal(0.85, primary.Challenger);
        Assert.Equal(0.01, primary.Threshold);
    }

    [Fact]
    public void Evaluate_ImprovementBelowDelta_RefusesOnPrimaryRule()
    {
        var decision = PromotionRules.Evaluate(Policy("auc", 0.05), new Dictionary<string, double> { ["auc"] = 0.80 },
            new Dictionary<string, double> { ["auc"] = 0.82 }, Signature, Signature);

        Assert.False(decision.Promote);
        Assert.False(decision.Rules.Single(r => r.Rule == "primary_metric auc").Passed);
        Assert.Contains("0.8", decision.Rules[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LowerIsBetterPrimaryMetricDecreases_CountsAsImprovement()
    {
        var decision = PromotionRules.Evaluate(Policy("log_loss", 0.05), new Dictionary<string, double> { ["log_loss"] = 0.50 },
            new Dictionary<string, double> { ["log_loss"] = 0.40 }, Signature, Signature);

        Assert.True(decision.Promote);
    }

    [Fact]
    public void Evaluate_LowerIsBetterPrimaryMetricIncreases_Refuses()
    {
        var decision = PromotionRules.Evaluate(Policy("rmse", 0), new Dictionary<string, double> { ["rmse"] = 1.0 },
            new Dictionary<string, double> { ["rmse"] = 1.2 }, Signature, Signature);

        Assert.False(decision.Promote);
    }

    [Fact]
    public void Evaluate_GuardMetricRegressesBeyondEpsilon_RefusesOnlyThatRule()
    {
        var policy = Policy("auc", 0.0, new Dictionary<string, double> { ["recall"] = 0.02, ["log_loss"] = 0.1 });
        var decision = PromotionRules.Evaluate(policy,
            new Dictionary<string, double> { ["auc"] = 0.80, ["recall"] = 0.70, ["log_loss"] = 0.50 },
            new Dictionary<string, double> { ["auc"] = 0.90, ["recall"] = 0.60, ["log_loss"] = 0.55 }, Signature, Signature);

        Assert.False(decision.Promote);
        Assert.False(decision.Rules.Single(r => r.Rule == "max_regression recall").Passed);
        Assert.True(decision.Rules.Single(r => r.Rule == "max_regression log_loss").Passed);
        Assert.True(decision.Rules.Single(r => r.Rule == "primary_metric auc").Passed);
    }

    [Fact]
    public void Evaluate_MetricMissingForChallenger_FailsRatherThanPasses()
    {
        var decision = PromotionRules.Evaluate(Policy("auc", 0.0), new Dictionary<string, double> { ["auc"] = 0.80 },
            new Dictionary<string, double>(), Signature, Signature);

        Assert.False(decision.Promote);
        Assert.Contains("missing for the challenger", decision.Rules[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnknownMetric_ThrowsInvalidInput()
    {
        var metrics = new Dictionary<string, double> { ["wobble"] = 1 };

        var error = Assert.Throws<GyreException>(() => PromotionRules.Evaluate(Policy("wobble", 0), metrics, metrics, Signature, Signature));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Evaluate_ChallengerInputTypeChanged_RefusesOnSignature()
    {
        const string changed = """{"inputs":[{"name":"amount","type":"string"},{"name":"country","type":"string"}],"outputs":[{"name":"score","type":"float"}]}""";
        var metrics = new Dictionary<string, double> { ["auc"] = 0.8 };

        var decision = PromotionRules.Evaluate(Policy("auc", 0), metrics, metrics, Signature, changed);

        var rule = decision.Rules.Single(r => r.Rule == "compatible_signature");
        Assert.False(rule.Passed);
        Assert.Contains("amount", rule.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ChallengerAddsOutput_SignatureStillCompatible()
    {
        const string extraOutput = """{"inputs":[{"name":"country","type":"string"},{"name":"amount","type":"float"}],"outputs":[{"name":"score","type":"float"},{"name":"probability","type":"float"}]}""";
        var metrics = new Dictionary<string, double> { ["auc"] = 0.8 };

        var decision = PromotionRules.Evaluate(Policy("auc", 0), metrics, metrics, Signature, extraOutput);

        Assert.True(decision.Rules.Single(r => r.Rule == "compatible_signature").Passed);
    }

    [Fact]
    public void Evaluate_SignatureCheckDisabled_NoSignatureRule()
    {
        var metrics = new Dictionary<string, double> { ["auc"] = 0.8 };

        var decision = PromotionRules.Evaluate(Policy("auc", 0, signature: false), metrics, metrics, Signature, "{}");

        Assert.DoesNotContain(decision.Rules, r => r.Rule == "compatible_signature");
        Assert.True(decision.Promote);
    }
}
