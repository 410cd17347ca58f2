namespace Gyre.Data.Splits;

/// <summary>
/// Seeded splits that keep each class's share of the rows (classification). Rows are given by their
/// class codes (any non-negative or negative ints; equal codes = same class). The same codes, sizes
/// and seed always give the same split, on every platform.
/// </summary>
public static class StratifiedSplits
{
    /// <summary>
    /// Puts round(n_c × <paramref name="testFraction"/>) rows of each class c into the test part (at most
    /// n_c − 1, so that every class keeps a training row).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not strictly between 0 and 1.</exception>
    public static HoldoutSplit Holdout(IReadOnlyList<int> classCodes, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(classCodes);
        SplitArguments.CheckFraction(testFraction);
        var random = new Random(seed);
        var test = new List<int>();
        var train = new List<int>();
        foreach (var members in ShuffledClasses(classCodes, random))
        {
            var testCount = Math.Min((int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero), members.Length - 1);
            test.AddRange(members.Take(testCount));
            train.AddRange(members.Skip(testCount));
        }

        return new HoldoutSplit(SplitArguments.Sorted(train), SplitArguments.Sorted(test));
    }

    /// <summary>
    /// Deals each class's shuffled rows round-robin over <paramref name="folds"/> folds, continuing the
    /// count across classes, so that fold sizes differ by at most one and each class's count per fold
    /// differs by at most one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2 or above the row count.</exception>
    public static IReadOnlyList<Fold> KFold(IReadOnlyList<int> classCodes, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(classCodes);
        SplitArguments.CheckFolds(folds, classCodes.Count);
        var random = new Random(seed);
        var foldOf = new int[classCodes.Count];
        var next = 0;
        foreach (var members in ShuffledClasses(classCodes, random))
        {
            foreach (var row in members)
            {
                foldOf[row] = next;
                next = (next + 1) % folds;
            }
        }

        return SplitArguments.FoldsFromAssignment(foldOf, folds);
    }

    private static IEnumerable<int[]> ShuffledClasses(IReadOnlyList<int> classCodes, Random random)
    {
        var byClass = new SortedDictionary<int, List<int>>();
        for (var row = 0; row < classCodes.Count; row++)
        {
            if (!byClass.TryGetValue(classCodes[row], out var rows))
            {
                rows = [];
                byClass.Add(classCodes[row], rows);
            }

            rows.Add(row);
        }

        foreach (var rows in byClass.Values)
        {
            var members = rows.ToArray();
            random.Shuffle(members);
            yield return members;
        }
    }
}
