namespace Gyre.Data.Splits;

/// <summary>
/// A two-way partition of row indices: every row is in exactly one of <paramref name="Train"/> and
/// <paramref name="Test"/>; both lists are in ascending row order.
/// </summary>
public sealed record HoldoutSplit(IReadOnlyList<int> Train, IReadOnlyList<int> Test);
