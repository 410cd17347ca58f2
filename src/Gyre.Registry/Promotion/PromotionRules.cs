using System.Globalization;
using System.Text.Json.Nodes;

namespace Gyre.Registry.Promotion;

/// <summary>
/// Evaluates a <see cref="PromotionPolicy"/> on two versions' metrics and signatures. Pure: no I/O, no state;
/// thread-safe.
/// </summary>
public static class PromotionRules
{
    /// <summary>
    /// Applies every rule. A metric the policy names but either side lacks fails its rule (never silently passes).
    /// <paramref name="championSignatureJson"/>/<paramref name="challengerSignatureJson"/>: the manifests'
    /// <c>{"inputs": [...], "outputs": [...]}</c>; compatible means the same input entries (name, type and every
    /// other field, order ignored) and every champion output name present in the challenger.
    /// <paramref name="measurements"/>: the bootstrap interval (needed when <see cref="PromotionPolicy.RequireSignificant"/>)
    /// and latencies (needed when <see cref="PromotionPolicy.MaxLatencyMsP95"/> is set); a rule whose measurement is
    /// absent fails. Rule order: primary, regressions (by metric name), signature, latency.
    /// Throws <see cref="Gyre.Core.GyreException"/> (InvalidInput) for a metric of unknown direction.
    /// </summary>
    public static PromotionDecision Evaluate(
        PromotionPolicy policy,
        IReadOnlyDictionary<string, double> championMetrics,
        IReadOnlyDictionary<string, double> challengerMetrics,
        string? championSignatureJson,
        string? challengerSignatureJson,
        PromotionMeasurements? measurements = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(championMetrics);
        ArgumentNullException.ThrowIfNull(challengerMetrics);
        measurements ??= new PromotionMeasurements();
        var rules = new List<PromotionRuleResult> { Primary(policy, championMetrics, challengerMetrics, measurements.PrimaryImprovement) };
        foreach (var (metric, epsilon) in policy.MaxRegression.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            rules.Add(Regression(metric, epsilon, championMetrics, challengerMetrics));
        }

        if (policy.RequireCompatibleSignature)
        {
            rules.Add(Signature(championSignatureJson, challengerSignatureJson));
        }

        if (policy.MaxLatencyMsP95 is { } bound)
        {
            rules.Add(Latency(bound, measurements));
        }

        return new PromotionDecision(rules);
    }

    private static PromotionRuleResult Primary(
        PromotionPolicy policy, IReadOnlyDictionary<string, double> champion, IReadOnlyDictionary<string, double> challenger, ImprovementInterval? interval)
    {
        var metric = policy.PrimaryMetric;
        var rule = $"primary_metric {metric}";
        if (!TryBoth(metric, champion, challenger, out var a, out var b, out var missing))
        {
            return new PromotionRuleResult(rule, false, Nullable(champion, metric), Nullable(challenger, metric), policy.MinImprovement, missing);
        }

        var improvement = MetricDirections.Improvement(metric, a, b);
        var passed = improvement >= policy.MinImprovement;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{metric}: champion {a:G6}, challenger {b:G6}, improvement {improvement:G6} {(passed ? ">=" : "<")} required {policy.MinImprovement:G6}");
        if (interval is not null)
        {
            var significant = interval.Lower >= policy.MinImprovement;
            message += string.Create(CultureInfo.InvariantCulture, $"; {interval.Confidence * 100:0.#}% interval [{interval.Lower:G6}, {interval.Upper:G6}]");
            if (policy.RequireSignificant)
            {
                passed &= significant;
                message += string.Create(CultureInfo.InvariantCulture,
                    $", lower bound {interval.Lower:G6} {(significant ? ">=" : "<")} required {policy.MinImprovement:G6} (require_significant)");
            }
        }
        else if (policy.RequireSignificant)
        {
            passed = false;
            message += "; require_significant needs the bootstrap interval of paired evaluation, which was not measured";
        }

        return new PromotionRuleResult(rule, passed, a, b, policy.MinImprovement, message);
    }

    private static PromotionRuleResult Regression(string metric, double epsilon, IReadOnlyDictionary<string, double> champion, IReadOnlyDictionary<string, double> challenger)
    {
        var rule = $"max_regression {metric}";
        if (!TryBoth(metric, champion, challenger, out var a, out var b, out var missing))
        {
            return new PromotionRuleResult(rule, false, Nullable(champion, metric), Nullable(challenger, metric), epsilon, missing);
        }

        var regression = -MetricDirections.Improvement(metric, a, b);
        var passed = regression <= epsilon;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{metric}: champion {a:G6}, challenger {b:G6}, regression {Math.Max(regression, 0):G6} {(passed ? "<=" : ">")} allowed {epsilon:G6}");
        return new PromotionRuleResult(rule, passed, a, b, epsilon, message);
    }

    private static PromotionRuleResult Latency(double bound, PromotionMeasurements measurements)
    {
        const string rule = "max_latency_ms_p95";
        var champion = measurements.ChampionLatencyP95Ms;
        if (measurements.ChallengerLatencyP95Ms is not { } challenger)
        {
            return new PromotionRuleResult(rule, false, champion, null, bound, "challenger latency was not measured (the latency rule needs evaluation data)");
        }

        var passed = challenger <= bound;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"p95 single-row latency: challenger {challenger:G4} ms {(passed ? "<=" : ">")} allowed {bound:G6} ms");
        if (champion is { } reference)
        {
            message += string.Create(CultureInfo.InvariantCulture, $" (champion {reference:G4} ms)");
        }

        return new PromotionRuleResult(rule, passed, champion, challenger, bound, message);
    }

    private static PromotionRuleResult Signature(string? championJson, string? challengerJson)
    {
        const string rule = "compatible_signature";
        var championInputs = Entries(championJson, "inputs");
        var challengerInputs = Entries(challengerJson, "inputs");
        var problems = new List<string>();
        foreach (var (name, node) in championInputs)
        {
            if (!challengerInputs.TryGetValue(name, out var other))
            {
                problems.Add($"input '{name}' missing");
            }
            else if (!JsonNode.DeepEquals(node, other))
            {
                problems.Add($"input '{name}' differs ({node?.ToJsonString()} vs {other?.ToJsonString()})");
            }
        }

        problems.AddRange(challengerInputs.Keys.Where(name => !championInputs.ContainsKey(name)).Select(name => $"extra input '{name}'"));
        var challengerOutputs = Entries(challengerJson, "outputs");
        problems.AddRange(Entries(championJson, "outputs").Keys.Where(name => !challengerOutputs.ContainsKey(name)).Select(name => $"output '{name}' missing"));
        var passed = problems.Count == 0;
        return new PromotionRuleResult(rule, passed, null, null, null,
            passed ? "challenger accepts the champion's inputs and keeps its outputs" : "incompatible: " + string.Join("; ", problems));
    }

    private static Dictionary<string, JsonNode?> Entries(string? signatureJson, string key)
    {
        var array = (signatureJson is null ? null : JsonNode.Parse(signatureJson))?[key] as JsonArray ?? [];
        var entries = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var entry in array)
        {
            if (entry?["name"] is JsonValue name && name.TryGetValue<string>(out var text))
            {
                entries[text] = entry;
            }
        }

        return entries;
    }

    private static bool TryBoth(string metric, IReadOnlyDictionary<string, double> champion, IReadOnlyDictionary<string, double> challenger, out double a, out double b, out string missing)
    {
        var hasA = champion.TryGetValue(metric, out a);
        var hasB = challenger.TryGetValue(metric, out b);
        missing = (hasA, hasB) switch
        {
            (false, false) => $"{metric}: missing for both champion and challenger",
            (false, true) => $"{metric}: missing for the champion",
            (true, false) => $"{metric}: missing for the challenger",
            _ => string.Empty,
        };
        return hasA && hasB;
    }

    private static double? Nullable(IReadOnlyDictionary<string, double> metrics, string metric) => metrics.TryGetValue(metric, out var value) ? value : null;
}
