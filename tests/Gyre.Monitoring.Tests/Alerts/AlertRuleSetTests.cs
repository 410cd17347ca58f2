using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.Alerts;

public sealed class AlertRuleSetTests
{
    private const string Valid = """
        repeat_interval: 2h
        webhooks:
          - name: ops
            url: http://127.0.0.1:9000/hook
            headers: {Authorization: "Bearer x"}
        rules:
          - name: amount-drift
            metric: feature_drift_score
            labels: {feature: amount}
            op: ">="
            threshold: 0.1
            window: 1h
            for: 30m
            severity: critical
            notify: [ops]
            description: amount drifted
          - name: few-rows
            metric: rows
            op: "<"
            threshold: 100
        """;

    [Fact]
    public void Parse_ValidFile_ReadsEveryField()
    {
        var set = AlertRuleSet.Parse(Valid, "rules.yaml");

        Assert.Equal(TimeSpan.FromHours(2), set.RepeatInterval);
        var hook = Assert.Single(set.Webhooks);
        Assert.Equal("ops", hook.Name);
        Assert.Equal(new Uri("http://127.0.0.1:9000/hook"), hook.Url);
        Assert.Equal("Bearer x", hook.Headers["Authorization"]);
        Assert.Equal(2, set.Rules.Count);
        var rule = set.Rules[0];
        Assert.Equal("amount-drift", rule.Name);
        Assert.Equal(MonitoringMetrics.FeatureDriftScore, rule.Metric);
        Assert.Equal("amount", rule.Labels["feature"]);
        Assert.Equal(AlertOperator.GreaterThanOrEqual, rule.Op);
        Assert.Equal(0.1, rule.Threshold);
        Assert.Equal(TimeSpan.FromHours(1), rule.Window);
        Assert.Equal(TimeSpan.FromMinutes(30), rule.For);
        Assert.Equal(AlertSeverity.Critical, rule.Severity);
        Assert.Equal(["ops"], rule.Notify);
        Assert.Equal("amount drifted", rule.Description);
    }

    [Fact]
    public void Parse_OptionalFieldsOmitted_UsesDefaults()
    {
        var set = AlertRuleSet.Parse(Valid, "rules.yaml");
        var rule = set.Rules[1];

        Assert.Empty(rule.Labels);
        Assert.Null(rule.Window);
        Assert.Equal(TimeSpan.Zero, rule.For);
        Assert.Equal(AlertSeverity.Warning, rule.Severity);
        Assert.Empty(rule.Notify);
        Assert.Equal(AlertRuleSet.DefaultRepeatInterval, AlertRuleSet.Parse("rules: []", "r.yaml").RepeatInterval);
    }

    [Theory]
    [InlineData("    severity: critical", "    colour: red", 14, "rules[0].colour", "unknown field")]
    [InlineData("    op: \">=\"", "    op: \"=>\"", 10, "rules[0] ('amount-drift').op", "'=>'")]
    [InlineData("    for: 30m", "    for: 30 minutes", 13, "rules[0] ('amount-drift').for", "'30 minutes'")]
    [InlineData("    window: 1h", "    window: 0", 12, "rules[0] ('amount-drift').window", "positive duration")]
    [InlineData("    notify: [ops]", "    notify: [ops, pager]", 15, "rules[0] ('amount-drift').notify", "unknown webhook 'pager'")]
    [InlineData("    threshold: 0.1", "    threshold: high", 11, "rules[0] ('amount-drift').threshold", "'high'")]
    [InlineData("  - name: few-rows", "  - name: amount-drift", 17, "rules[1] ('amount-drift').name", "duplicate rule name")]
    [InlineData("    metric: rows", "    metric: row_count", 18, "rules[1] ('few-rows').metric", "unknown metric 'row_count'")]
    [InlineData("    url: http://127.0.0.1:9000/hook", "    url: not a url", 4, "webhooks[0].url", "absolute http")]
    [InlineData("    severity: critical", "    severity: fatal", 14, "rules[0] ('amount-drift').severity", "'fatal'")]
    [InlineData("repeat_interval: 2h", "repeat_every: 2h", 1, "repeat_every", "unknown field")]
    public void Parse_BadField_NamesFileLineAndField(string original, string replacement, int line, string field, string detail)
    {
        Assert.Contains(original, Valid, StringComparison.Ordinal);
        var yaml = Valid.Replace(original, replacement, StringComparison.Ordinal);

        var error = Assert.Throws<GyreException>(() => AlertRuleSet.Parse(yaml, "rules.yaml"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith($"rules.yaml:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingRequiredField_NamesRuleAndField()
    {
        var yaml = Valid.Replace("\n    threshold: 100", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("threshold: 100", yaml, StringComparison.Ordinal);

        var error = Assert.Throws<GyreException>(() => AlertRuleSet.Parse(yaml, "rules.yaml"));

        Assert.Contains("'rules[1] ('few-rows').threshold'", error.Message, StringComparison.Ordinal);
        Assert.Contains("is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_NamesLine()
    {
        var error = Assert.Throws<GyreException>(() => AlertRuleSet.Parse("rules:\n  - name: [unclosed\n", "broken.yaml"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith("broken.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_File_ParsesWithPathInErrors()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("alerts.yaml");
        await File.WriteAllTextAsync(path, Valid.Replace("op: \"<\"", "op: \"!=\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<GyreException>(() => AlertRuleSet.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.StartsWith($"{path}:19:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNotFound()
    {
        using var folder = new TemporaryFolder();

        var error = await Assert.ThrowsAsync<GyreException>(() => AlertRuleSet.LoadAsync(folder.Combine("none.yaml"), TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("15m", 900_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("0", 0)]
    public void AlertDuration_ValidText_ParsesAndRoundTrips(string text, long milliseconds)
    {
        Assert.True(AlertDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.True(AlertDuration.TryParse(AlertDuration.Format(duration), out var again));
        Assert.Equal(duration, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1w")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("5 m")]
    public void AlertDuration_InvalidText_Rejected(string text) => Assert.False(AlertDuration.TryParse(text, out _));
}
