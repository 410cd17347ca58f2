using Gyre.Core;
using Gyre.Monitoring.Alerts;

namespace Gyre.Monitoring.Tests.Alerts;

public sealed class AlertEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly AlertRuleSet Rules = AlertRuleSet.Parse("""
        rules:
          - name: drift
            metric: feature_drift_score
            op: ">="
            threshold: 0.1
            window: 1h
            for: 30m
          - name: few-rows
            metric: rows
            op: "<"
            threshold: 100
        """, "rules.yaml");

    private static MetricSample Drift(string feature, double value) =>
        new(MonitoringMetrics.FeatureDriftScore, new Dictionary<string, string> { ["feature"] = feature }, value);

    private static MetricSample Rows(double value) => new(MonitoringMetrics.Rows, new Dictionary<string, string>(), value);

    [Fact]
    public void Evaluate_ConditionHeldShorterThanFor_StaysPending()
    {
        var evaluator = new AlertEvaluator(Rules);

        var first = evaluator.Evaluate([Drift("amount", 0.2)], T0);
        var second = evaluator.Evaluate([Drift("amount", 0.3)], T0.AddMinutes(29));

        var pending = Assert.Single(first);
        Assert.Equal(AlertTransitionKind.Pending, pending.Kind);
        Assert.Equal(T0, pending.StartedAt);
        Assert.Empty(second);
        Assert.Empty(evaluator.FiringAlerts());
    }

    [Fact]
    public void Evaluate_ConditionHeldForDuration_FiresOnceWithStartTime()
    {
        var evaluator = new AlertEvaluator(Rules);
        evaluator.Evaluate([Drift("amount", 0.2)], T0);

        var firing = Assert.Single(evaluator.Evaluate([Drift("amount", 0.25)], T0.AddMinutes(30)));
        var later = evaluator.Evaluate([Drift("amount", 0.3)], T0.AddMinutes(45));

        Assert.Equal(AlertTransitionKind.Firing, firing.Kind);
        Assert.Equal(T0, firing.StartedAt);
        Assert.Equal(T0.AddMinutes(30), firing.At);
        Assert.Equal(0.25, firing.Value);
        Assert.Equal("amount", firing.Labels["feature"]);
        Assert.Empty(later);
        Assert.Equal(0.3, Assert.Single(evaluator.FiringAlerts()).Value);
    }

    [Fact]
    public void Evaluate_ForZero_FiresOnFirstEvaluation()
    {
        var evaluator = new AlertEvaluator(Rules);

        var firing = Assert.Single(evaluator.Evaluate([Rows(5)], T0));

        Assert.Equal(AlertTransitionKind.Firing, firing.Kind);
        Assert.Equal("few-rows", firing.Rule.Name);
    }

    [Fact]
    public void Evaluate_PendingConditionBreaks_ResetsTimerWithoutTransition()
    {
        var evaluator = new AlertEvaluator(Rules);
        evaluator.Evaluate([Drift("amount", 0.2)], T0);

        var broken = evaluator.Evaluate([Drift("amount", 0.05)], T0.AddMinutes(20));
        var again = Assert.Single(evaluator.Evaluate([Drift("amount", 0.2)], T0.AddMinutes(40)));
        var notYet = evaluator.Evaluate([Drift("amount", 0.2)], T0.AddMinutes(60));

        Assert.Empty(broken);
        Assert.Equal(AlertTransitionKind.Pending, again.Kind);
        Assert.Equal(T0.AddMinutes(40), again.StartedAt);
        Assert.Empty(notYet);
    }

    [Fact]
    public void Evaluate_NaN_NeverSatisfiesCondition()
    {
        var evaluator = new AlertEvaluator(Rules);

        Assert.Empty(evaluator.Evaluate([Rows(double.NaN), Drift("amount", double.NaN)], T0));
        Assert.False(AlertOperator.LessThan.Holds(double.NaN, 100));
        Assert.False(AlertOperator.GreaterThanOrEqual.Holds(double.NaN, 0.1));
    }

    [Fact]
    public void Evaluate_FiringBecomesNaN_Resolves()
    {
        var evaluator = new AlertEvaluator(Rules);
        evaluator.Evaluate([Rows(5)], T0);

        var resolved = Assert.Single(evaluator.Evaluate([Rows(double.NaN)], T0.AddMinutes(1)));

        Assert.Equal(AlertTransitionKind.Resolved, resolved.Kind);
        Assert.True(double.IsNaN(resolved.Value));
    }

    [Fact]
    public void Evaluate_FiringConditionFalse_ResolvesOnce()
    {
        var evaluator = new AlertEvaluator(Rules);
        evaluator.Evaluate([Rows(5)], T0);

        var resolved = Assert.Single(evaluator.Evaluate([Rows(500)], T0.AddMinutes(5)));
        var after = evaluator.Evaluate([Rows(500)], T0.AddMinutes(10));

        Assert.Equal(AlertTransitionKind.Resolved, resolved.Kind);
        Assert.Equal(T0, resolved.StartedAt);
        Assert.Equal(T0.AddMinutes(5), resolved.At);
        Assert.Equal(500, resolved.Value);
        Assert.Empty(after);
    }

    [Fact]
    public void Evaluate_FiringSampleAbsent_ResolvesWithLastValue()
    {
        var evaluator = new AlertEvaluator(Rules);
        evaluator.Evaluate([Rows(5)], T0);

        var resolved = Assert.Single(evaluator.Evaluate([], T0.AddMinutes(5)));

        Assert.Equal(AlertTransitionKind.Resolved, resolved.Kind);
        Assert.Equal(5, resolved.Value);
    }

    [Fact]
    public void Evaluate_DistinctLabelSets_TrackedSeparately()
    {
        var evaluator = new AlertEvaluator(Rules);
        evaluator.Evaluate([Drift("amount", 0.2)], T0);
        evaluator.Evaluate([Drift("amount", 0.2), Drift("age", 0.5)], T0.AddMinutes(10));

        var transitions = evaluator.Evaluate([Drift("amount", 0.2), Drift("age", 0.5)], T0.AddMinutes(30));

        var firing = Assert.Single(transitions);
        Assert.Equal("amount", firing.Labels["feature"]);
        var age = Assert.Single(evaluator.Evaluate([Drift("amount", 0.2), Drift("age", 0.5)], T0.AddMinutes(40)));
        Assert.Equal("age", age.Labels["feature"]);
        Assert.Equal(T0.AddMinutes(10), age.StartedAt);
    }

    [Fact]
    public void Evaluate_RuleLabelsOrWindowDiffer_SampleIgnored()
    {
        var rules = AlertRuleSet.Parse("""
            rules:
              - name: amount
                metric: feature_drift_score
                labels: {feature: amount}
                op: ">"
                threshold: 0.1
                window: 1h
            """, "r.yaml");
        var evaluator = new AlertEvaluator(rules);

        var transitions = evaluator.Evaluate(
            [Drift("age", 0.9), Drift("amount", 0.9) with { Window = TimeSpan.FromDays(1) }, Drift("amount", 0.9) with { Window = TimeSpan.FromHours(1) }],
            T0);

        var firing = Assert.Single(transitions);
        Assert.Equal("amount", firing.Labels["feature"]);
    }

    [Fact]
    public void FromJson_RestoredState_DoesNotRefireAndResolvesLater()
    {
        var evaluator = new AlertEvaluator(Rules);
        evaluator.Evaluate([Drift("amount", 0.2), Rows(5)], T0);
        evaluator.Evaluate([Drift("amount", 0.2), Rows(5)], T0.AddMinutes(30));

        var restored = AlertEvaluator.FromJson(Rules, evaluator.ToJson());

        Assert.Empty(restored.Evaluate([Drift("amount", 0.2), Rows(5)], T0.AddMinutes(35)));
        Assert.Equal(2, restored.FiringAlerts().Count);
        var resolved = Assert.Single(restored.Evaluate([Drift("amount", 0.2)], T0.AddMinutes(40)));
        Assert.Equal(AlertTransitionKind.Resolved, resolved.Kind);
        Assert.Equal(T0, resolved.StartedAt);
    }

    [Fact]
    public void FromJson_PendingState_KeepsStartTime()
    {
        var evaluator = new AlertEvaluator(Rules);
        evaluator.Evaluate([Drift("amount", 0.2)], T0);

        var restored = AlertEvaluator.FromJson(Rules, evaluator.ToJson());
        var firing = Assert.Single(restored.Evaluate([Drift("amount", 0.2)], T0.AddMinutes(30)));

        Assert.Equal(AlertTransitionKind.Firing, firing.Kind);
        Assert.Equal(T0, firing.StartedAt);
    }

    [Fact]
    public void FromJson_Garbage_ThrowsCorrupt()
    {
        var error = Assert.Throws<GyreException>(() => AlertEvaluator.FromJson(Rules, "{not json", "state.json"));

        Assert.Equal(ErrorKind.Corrupt, error.Kind);
        Assert.Contains("state.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConcurrentCallers_EachAlertFiresOnce()
    {
        var evaluator = new AlertEvaluator(Rules);

        var transitions = Enumerable.Range(0, 16).AsParallel()
            .SelectMany(_ => evaluator.Evaluate([Rows(5)], T0))
            .ToList();

        Assert.Single(transitions);
    }

    [Fact]
    public async Task SaveAsync_LoadAsync_RoundTripsAndMissingFileStartsFresh()
    {
        using var folder = new Gyre.Testing.TemporaryFolder();
        var path = folder.Combine("state", "alerts.json");
        var token = TestContext.Current.CancellationToken;
        var fresh = await AlertEvaluator.LoadAsync(Rules, path, token);
        fresh.Evaluate([Rows(5)], T0);

        await fresh.SaveAsync(path, token);
        var restored = await AlertEvaluator.LoadAsync(Rules, path, token);

        Assert.Equal(T0, Assert.Single(restored.FiringAlerts()).StartedAt);
        Assert.Equal(["alerts.json"], Directory.GetFiles(folder.Combine("state")).Select(Path.GetFileName));
    }
}
