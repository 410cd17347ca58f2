namespace Gyre.Training.Validation;

/// <summary>One cross-validation fold (0-based <paramref name="Fold"/>): its sizes and metrics on its test rows.</summary>
public sealed record FoldResult(int Fold, int TrainRows, int TestRows, IReadOnlyDictionary<string, double> Metrics);
