using Gyre.Registry.Promotion;
using Gyre.Training.Evaluation;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// What the promotion rules were applied to. <paramref name="MetricsSource"/>: <c>recorded</c> (the versions'
/// registered metrics) or <c>eval:PATH</c> (both versions scored on the <paramref name="EvaluationRows"/> rows of
/// PATH). <paramref name="PrimaryImprovement"/>: the paired bootstrap interval of the primary metric's improvement
/// (eval only, when both versions have the metric). Latencies: single-row scoring benchmarks (eval only, when the
/// policy has a latency bound).
/// </summary>
public sealed record ModelPromotionEvidence(
    string MetricsSource,
    int? EvaluationRows,
    IReadOnlyDictionary<string, double> ChampionMetrics,
    IReadOnlyDictionary<string, double> ChallengerMetrics,
    ImprovementInterval? PrimaryImprovement = null,
    ScoringLatency? ChampionLatency = null,
    ScoringLatency? ChallengerLatency = null)
{
    /// <summary>The metrics source when the versions' recorded metrics are compared.</summary>
    public const string Recorded = "recorded";

    /// <summary>The measurements the pure rules take.</summary>
    public PromotionMeasurements Measurements => new(PrimaryImprovement, ChampionLatency?.P95Ms, ChallengerLatency?.P95Ms);
}
