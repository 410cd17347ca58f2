namespace Gyre.Data.Splits;

/// <summary>Argument checks and assembly shared by <see cref="StratifiedSplits"/> and <see cref="ShuffledSplits"/>.</summary>
internal static class SplitArguments
{
    public static void CheckFraction(double testFraction)
    {
        if (!(testFraction is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
        }
    }

    public static void CheckFolds(int folds, int rowCount)
    {
        if (folds < 2 || folds > rowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"The number of folds must be between 2 and the row count ({rowCount}).");
        }
    }

    public static int[] Sorted(IEnumerable<int> rows)
    {
        var array = rows.ToArray();
        Array.Sort(array);
        return array;
    }

    public static IReadOnlyList<Fold> FoldsFromAssignment(int[] foldOf, int folds)
    {
        var result = new Fold[folds];
        for (var k = 0; k < folds; k++)
        {
            var test = new List<int>();
            var train = new List<int>();
            for (var row = 0; row < foldOf.Length; row++)
            {
                (foldOf[row] == k ? test : train).Add(row);
            }

            result[k] = new Fold(k, train, test);
        }

        return result;
    }
}
