using Gyre.Training.Specs;
using Gyre.Tuning;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// A hyperparameter search (docs/tuning.md): the data and trainer as in a training spec, the metric the
/// study optimises, how each trial is validated, the budget (<see cref="Trials"/>, <see cref="Timeout"/>),
/// the sampler and pruner, and the search space over the trainer's hyperparameters (canonical names).
/// </summary>
public sealed record TuneSpec
{
    /// <summary>The data file; in a YAML file, relative to the spec's folder.</summary>
    public required string Data { get; init; }

    public required string Label { get; init; }

    public required TaskKind Task { get; init; }

    /// <summary>A trainer name from the catalog (case-insensitive).</summary>
    public string Trainer { get; init; } = "lightgbm";

    /// <summary>A metric the training code computes for <see cref="Task"/> (see <see cref="TuneMetrics"/>).</summary>
    public required string Metric { get; init; }

    public required StudyDirection Direction { get; init; }

    public TuneValidation Validation { get; init; } = new();

    /// <summary>Study-wide trial budget (Running, Complete or Pruned trials over all workers and processes).</summary>
    public int Trials { get; init; } = 20;

    /// <summary>Wall-time budget of one `gyre tune` process; null = none.</summary>
    public TimeSpan? Timeout { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>tpe or random.</summary>
    public string Sampler { get; init; } = TuneSamplerFactory.Tpe;

    /// <summary>median, none, asha or hyperband.</summary>
    public string Pruner { get; init; } = TunePrunerFactory.Median;

    /// <summary>The study's name in the store; several processes with one name share the study.</summary>
    public required string Study { get; init; }

    /// <summary>The tracking experiment of the study's runs; null = the caller's default.</summary>
    public string? Experiment { get; init; }

    /// <summary>Columns not used as features.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Binary only: the positive label value; null = the training default.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>The parameters each trial suggests, in spec order.</summary>
    public required IReadOnlyList<SearchParameter> SearchSpace { get; init; }
}
