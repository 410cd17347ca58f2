using Gyre.Monitoring.Alerts;

namespace Gyre.Monitoring.Tests.Alerts;

public sealed class AlertEventTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly AlertRule Rule = AlertRuleSet.Parse("""
        rules:
          - name: rows
            metric: rows
            op: "<"
            threshold: 100
            severity: critical
        """, "r.yaml").Rules[0];

    private static AlertTransition Transition(AlertTransitionKind kind, DateTimeOffset at, string model = "fraud") =>
        new(Rule, new Dictionary<string, string> { ["model"] = model }, kind, 5, T0, at);

    [Fact]
    public void From_Firing_CopiesRuleAndTakesModelFromLabels()
    {
        var alert = AlertEvent.From(Transition(AlertTransitionKind.Firing, T0.AddMinutes(1)), model: "other");

        Assert.Equal(AlertEventState.Firing, alert.State);
        Assert.Equal("rows", alert.Rule);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal("<", alert.Op);
        Assert.Equal(100, alert.Threshold);
        Assert.Equal("fraud", alert.Model);
        Assert.Equal(T0, alert.StartedAt);
    }

    [Fact]
    public void From_SameAlertLaterOrDifferentState_IdStableOnlyForSameIdentity()
    {
        var first = AlertEvent.From(Transition(AlertTransitionKind.Firing, T0.AddMinutes(1)));
        var repeat = AlertEvent.From(Transition(AlertTransitionKind.Firing, T0.AddHours(5)));
        var resolved = AlertEvent.From(Transition(AlertTransitionKind.Resolved, T0.AddHours(6)));
        var otherModel = AlertEvent.From(Transition(AlertTransitionKind.Firing, T0.AddMinutes(1), "churn"));

        Assert.Equal(first.Id, repeat.Id);
        Assert.NotEqual(first.Id, resolved.Id);
        Assert.NotEqual(first.Id, otherModel.Id);
        Assert.Equal(32, first.Id.Length);
    }

    [Fact]
    public void From_Pending_Throws() =>
        Assert.Throws<ArgumentException>(() => AlertEvent.From(Transition(AlertTransitionKind.Pending, T0)));
}
