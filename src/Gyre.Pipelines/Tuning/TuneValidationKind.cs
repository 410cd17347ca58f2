namespace Gyre.Pipelines.Tuning;

/// <summary>How a trial's hyperparameters are scored.</summary>
public enum TuneValidationKind
{
    /// <summary>Train on 1 − <see cref="TuneValidation.TestFraction"/> of the rows, score on the rest (seeded, stratified for classification).</summary>
    Holdout,

    /// <summary><see cref="TuneValidation.Folds"/>-fold cross-validation over all rows; the objective is the mean over folds.</summary>
    KFold,
}
