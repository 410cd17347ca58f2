namespace Gyre.Training.Validation;

/// <summary>
/// One point of a learning curve: metric <paramref name="Name"/> (e.g. <c>roc_auc</c>, <c>rmse</c>) of the
/// model truncated to its first <paramref name="Iteration"/> boosting iterations (1-based), on the evaluation rows.
/// </summary>
public sealed record IterationMetric(int Iteration, string Name, double Value);
