namespace Gyre.Data.Splits;

/// <summary>
/// Seeded splits that ignore labels (regression). The same row count and seed always give the same
/// split, on every platform.
/// </summary>
public static class ShuffledSplits
{
    /// <summary>Puts round(rowCount × <paramref name="testFraction"/>) shuffled rows into the test part (at most rowCount − 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative row count, or a fraction not strictly between 0 and 1.</exception>
    public static HoldoutSplit Holdout(int rowCount, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        SplitArguments.CheckFraction(testFraction);
        var rows = Shuffled(rowCount, seed);
        var testCount = Math.Max(0, Math.Min((int)Math.Round(rowCount * testFraction, MidpointRounding.AwayFromZero), rowCount - 1));
        return new HoldoutSplit(SplitArguments.Sorted(rows.Skip(testCount)), SplitArguments.Sorted(rows.Take(testCount)));
    }

    /// <summary>Deals shuffled rows round-robin over <paramref name="folds"/> folds (sizes differ by at most one).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2 or above the row count.</exception>
    public static IReadOnlyList<Fold> KFold(int rowCount, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        SplitArguments.CheckFolds(folds, rowCount);
        var rows = Shuffled(rowCount, seed);
        var foldOf = new int[rowCount];
        for (var i = 0; i < rows.Length; i++)
        {
            foldOf[rows[i]] = i % folds;
        }

        return SplitArguments.FoldsFromAssignment(foldOf, folds);
    }

    private static int[] Shuffled(int rowCount, int seed)
    {
        var rows = Enumerable.Range(0, rowCount).ToArray();
        new Random(seed).Shuffle(rows);
        return rows;
    }
}
