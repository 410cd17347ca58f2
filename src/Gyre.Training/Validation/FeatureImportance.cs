namespace Gyre.Training.Validation;

/// <summary>
/// Permutation importance of one input column: the drop in the primary metric (roc_auc, micro_accuracy or
/// r2) when the column's values are shuffled, as mean and sample standard deviation over the repeats.
/// Positive = the model relies on the column; about zero = it does not.
/// </summary>
public sealed record FeatureImportance(string Column, double Mean, double StdDev, IReadOnlyList<double> PerRepeat);
