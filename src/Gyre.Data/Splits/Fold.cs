namespace Gyre.Data.Splits;

/// <summary>
/// One fold of a k-fold split (<paramref name="Index"/> is 0-based). Across the folds of one split the
/// <paramref name="Test"/> lists partition the rows; <paramref name="Train"/> is the complement of
/// <paramref name="Test"/>. Both lists are in ascending row order.
/// </summary>
public sealed record Fold(int Index, IReadOnlyList<int> Train, IReadOnlyList<int> Test);
