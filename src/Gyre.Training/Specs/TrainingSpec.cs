namespace Gyre.Training.Specs;

/// <summary>
/// Everything that decides a trained model besides the data. The same data, spec and <see cref="Seed"/>
/// give identical metrics and predictions. See docs/training-spec.md for the YAML form.
/// </summary>
public sealed record TrainingSpec
{
    /// <summary>The training data file (CSV or Parquet); in a YAML file, relative to the spec's folder. Optional: a caller may give it.</summary>
    public string? Data { get; init; }

    /// <summary>A separate evaluation file; when set, all of <see cref="Data"/> trains and this evaluates (no holdout).</summary>
    public string? TestData { get; init; }

    /// <summary>The tracking experiment the run belongs to; null = the caller's default.</summary>
    public string? Experiment { get; init; }

    /// <summary>The label column's name.</summary>
    public required string Label { get; init; }

    public required TaskKind Task { get; init; }

    /// <summary>A name from <see cref="Trainers.TrainerCatalog.Names"/> (case-insensitive).</summary>
    public string Trainer { get; init; } = "lightgbm";

    /// <summary>Trainer-specific settings by documented name (e.g. num_leaves); values in invariant culture.</summary>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public int Seed { get; init; } = 42;

    /// <summary>Binary only: the label value that counts as positive; null picks the documented default.</summary>
    public string? PositiveClass { get; init; }

    public ValidationSpec Validation { get; init; } = new();

    public FeaturizationSpec Featurization { get; init; } = new();

    /// <summary>Columns not used as features (ids, leaks). Same effect as <see cref="FeatureKind.Ignore"/>.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Whether to compute permutation feature importance on the evaluation rows.</summary>
    public bool PermutationImportance { get; init; }

    /// <summary>Shuffles per column for permutation importance (at least 1).</summary>
    public int PermutationRepeats { get; init; } = 3;
}
