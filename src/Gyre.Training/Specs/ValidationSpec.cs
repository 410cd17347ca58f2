namespace Gyre.Training.Specs;

/// <summary>
/// How a model is evaluated. <see cref="HoldoutFraction"/> of the rows (0 = none) are held out for the final
/// evaluation, unless the caller passes a separate test table; <see cref="Folds"/>-fold cross-validation
/// (0 or 1 = none) runs on the remaining training rows. <see cref="Stratified"/> (default: true for
/// classification) keeps class shares in every split; regression splits are always plain shuffles.
/// </summary>
public sealed record ValidationSpec
{
    public double HoldoutFraction { get; init; } = 0.2;

    public int Folds { get; init; } = 5;

    public bool Stratified { get; init; } = true;
}
