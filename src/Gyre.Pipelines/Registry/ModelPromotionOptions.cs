using Gyre.Training.Evaluation;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// How <see cref="ModelPromotion"/> gathers its evidence. <see cref="EvaluationDataPath"/>: a labeled CSV or Parquet
/// file on which both versions are scored (paired evaluation); null compares the versions' recorded metrics, which
/// rules out <see cref="Gyre.Registry.Promotion.PromotionPolicy.NeedsEvaluationData"/> policies.
/// </summary>
public sealed record ModelPromotionOptions
{
    public string? EvaluationDataPath { get; init; }

    /// <summary>Resamples of the paired bootstrap of the primary metric's improvement (≥ 1).</summary>
    public int BootstrapReplicates { get; init; } = PairedBootstrap.DefaultReplicates;

    /// <summary>Seed of the paired bootstrap (fixed, so a decision can be reproduced).</summary>
    public int BootstrapSeed { get; init; } = PairedBootstrap.DefaultSeed;

    /// <summary>Untimed single-row calls before the latency benchmark measures (≥ 0).</summary>
    public int LatencyWarmupCalls { get; init; } = ScoringLatencyBenchmark.DefaultWarmupCalls;

    /// <summary>Timed single-row calls of the latency benchmark (≥ 1).</summary>
    public int LatencyTimedCalls { get; init; } = ScoringLatencyBenchmark.DefaultTimedCalls;

    /// <summary>Receives the stage being worked on; reported on the worker's thread.</summary>
    public IProgress<ModelPromotionProgress>? Progress { get; init; }
}
