namespace Gyre.Training.Scoring;

/// <summary>
/// The model's output for one input row (<paramref name="Line"/>: the row's source line, see
/// <see cref="Gyre.Data.Tables.DataTable.LineOf"/>). Binary: <paramref name="PredictedLabel"/> is the positive
/// class when <paramref name="Probability"/> (of the positive class) ≥ 0.5, else the negative class.
/// Multiclass: the most probable class, its probability, and <paramref name="ClassProbabilities"/> aligned
/// with the model's class names. Regression: <paramref name="Value"/> only.
/// </summary>
public sealed record RowPrediction(long Line, string? PredictedLabel, double? Probability, IReadOnlyList<double>? ClassProbabilities, double? Value);
