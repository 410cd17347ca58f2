using System.Text.Json.Nodes;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// The stable JSON shape of a promotion decision, recorded in the audit log and printed by
/// <c>gyre models promote --json</c>: <c>promoted, champion_version, challenger_version, metrics_source,
/// evaluation_rows, metrics {champion, challenger}, bootstrap {metric, lower, upper, confidence, replicates, seed}
/// | null, latency {champion_p95_ms, challenger_p95_ms, champion_p50_ms, challenger_p50_ms, warmup_calls,
/// timed_calls} | null, rules [{rule, passed, champion, challenger, threshold, message}]</c>. Non-finite numbers
/// (a NaN metric) are written as null.
/// </summary>
public static class ModelPromotionDetails
{
    /// <summary>Builds the JSON object of <paramref name="outcome"/> (a new object on each call).</summary>
    public static JsonObject Build(ModelPromotionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var evidence = outcome.Evidence;
        var interval = evidence.PrimaryImprovement;
        var rules = new JsonArray();
        foreach (var rule in outcome.Decision.Rules)
        {
            rules.Add(new JsonObject
            {
                ["rule"] = rule.Rule,
                ["passed"] = rule.Passed,
                ["champion"] = Number(rule.Champion),
                ["challenger"] = Number(rule.Challenger),
                ["threshold"] = Number(rule.Threshold),
                ["message"] = rule.Message,
            });
        }

        return new JsonObject
        {
            ["promoted"] = outcome.Promoted,
            ["champion_version"] = outcome.ChampionVersion,
            ["challenger_version"] = outcome.ChallengerVersion,
            ["metrics_source"] = evidence.MetricsSource,
            ["evaluation_rows"] = evidence.EvaluationRows,
            ["metrics"] = new JsonObject
            {
                ["champion"] = Metrics(evidence.ChampionMetrics),
                ["challenger"] = Metrics(evidence.ChallengerMetrics),
            },
            ["bootstrap"] = interval is null ? null : new JsonObject
            {
                ["metric"] = interval.Metric,
                ["lower"] = Number(interval.Lower),
                ["upper"] = Number(interval.Upper),
                ["confidence"] = interval.Confidence,
                ["replicates"] = interval.Replicates,
                ["seed"] = interval.Seed,
            },
            ["latency"] = evidence.ChallengerLatency is not { } challenger ? null : new JsonObject
            {
                ["champion_p95_ms"] = Number(evidence.ChampionLatency?.P95Ms),
                ["challenger_p95_ms"] = Number(challenger.P95Ms),
                ["champion_p50_ms"] = Number(evidence.ChampionLatency?.P50Ms),
                ["challenger_p50_ms"] = Number(challenger.P50Ms),
                ["warmup_calls"] = challenger.WarmupCalls,
                ["timed_calls"] = challenger.TimedCalls,
            },
            ["rules"] = rules,
        };
    }

    private static JsonObject Metrics(IReadOnlyDictionary<string, double> metrics)
    {
        var json = new JsonObject();
        foreach (var (name, value) in metrics)
        {
            json[name] = Number(value);
        }

        return json;
    }

    private static JsonValue? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
