namespace Gyre.Pipelines.Tuning;

/// <summary>A trial's validation: holdout (default, 0.2) or k-fold (default 5 folds).</summary>
public sealed record TuneValidation
{
    public TuneValidationKind Kind { get; init; } = TuneValidationKind.Holdout;

    /// <summary>k of k-fold, at least 2.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Holdout share of the rows, in (0, 1).</summary>
    public double TestFraction { get; init; } = 0.2;
}
