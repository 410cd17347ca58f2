namespace Gyre.Training.Evaluation;

/// <summary>
/// Counts of examples by true and predicted class.
/// </summary>
/// <param name="Classes">Class names; index <c>i</c> of a row or column is <c>Classes[i]</c>.</param>
/// <param name="Counts">
/// <c>Counts[t][p]</c> is the number of examples whose true class is <c>Classes[t]</c> and whose
/// predicted class is <c>Classes[p]</c>: rows = true class, columns = predicted class, as
/// scikit-learn's <c>confusion_matrix(y_true, y_pred, labels=...)</c>. The matrix is square with one
/// row and column per class. Arrays are shared, not copied: treat them as read-only.
/// </param>
public sealed record ConfusionMatrix(IReadOnlyList<string> Classes, long[][] Counts)
{
    /// <summary>Tallies <paramref name="trueClasses"/> against <paramref name="predictedClasses"/>.</summary>
    /// <remarks>Both lists hold class indexes already checked to lie in <c>[0, classes.Count)</c>.</remarks>
    internal static ConfusionMatrix Tally(
        IReadOnlyList<string> classes, IReadOnlyList<int> trueClasses, IReadOnlyList<int> predictedClasses)
    {
        var counts = new long[classes.Count][];
        for (var row = 0; row < counts.Length; row++)
        {
            counts[row] = new long[classes.Count];
        }

        for (var i = 0; i < trueClasses.Count; i++)
        {
            counts[trueClasses[i]][predictedClasses[i]]++;
        }

        return new ConfusionMatrix(classes, counts);
    }
}
