namespace Gyre.Registry.Promotion;

/// <summary>
/// Measurements made outside the rules (the rules stay pure) on evaluation data:
/// <paramref name="PrimaryImprovement"/>, the paired bootstrap interval of the primary metric's improvement;
/// <paramref name="ChampionLatencyP95Ms"/>/<paramref name="ChallengerLatencyP95Ms"/>, 95th-percentile single-row
/// scoring latencies in milliseconds. Null: not measured.
/// </summary>
public sealed record PromotionMeasurements(
    ImprovementInterval? PrimaryImprovement = null,
    double? ChampionLatencyP95Ms = null,
    double? ChallengerLatencyP95Ms = null);
