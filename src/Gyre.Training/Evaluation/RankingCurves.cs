namespace Gyre.Training.Evaluation;

/// <summary>
/// Areas under the ROC and precision–recall curves of a scored binary sample, from one sort of the
/// scores (O(n log n)). Tied scores form one threshold, as in scikit-learn's <c>_binary_clf_curve</c>.
/// </summary>
internal static class RankingCurves
{
    /// <summary>Returns (ROC AUC, average precision) for <paramref name="labels"/> scored by
    /// <paramref name="scores"/> (higher = more positive).</summary>
    /// <remarks>
    /// ROC AUC is the trapezoid area over distinct thresholds (equal to the Mann–Whitney statistic with
    /// ties counted one half), computed from integer counts; it is NaN when the labels hold one class only.
    /// Average precision is scikit-learn 1.2.1's step-wise sum Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds
    /// taken in decreasing order; with no positive label it is 0, as there.
    /// </remarks>
    public static (double RocAuc, double AveragePrecision) Compute(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var n = labels.Count;
        var sortedScores = new double[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            sortedScores[i] = scores[i];
            order[i] = i;
        }

        Array.Sort(sortedScores, order);

        long positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        long negatives = n - positives;

        // Walk thresholds from the highest score down; each group of equal scores is one threshold.
        long truePositives = 0;
        long falsePositives = 0;
        long doubledRocArea = 0; // Σ Δfp · (tp_before + tp_after): twice the area in count units.
        var averagePrecision = new CompensatedSum();
        var end = n - 1;
        while (end >= 0)
        {
            var start = end;
            var score = sortedScores[end];
            while (start > 0 && sortedScores[start - 1] == score)
            {
                start--;
            }

            long groupPositives = 0;
            for (var k = start; k <= end; k++)
            {
                groupPositives += labels[order[k]] ? 1 : 0;
            }

            long groupNegatives = end - start + 1 - groupPositives;
            var previousTruePositives = truePositives;
            truePositives += groupPositives;
            falsePositives += groupNegatives;
            doubledRocArea += groupNegatives * (previousTruePositives + truePositives);
            if (positives > 0 && groupPositives > 0)
            {
                var recallStep = (double)groupPositives / positives;
                var precision = (double)truePositives / (truePositives + falsePositives);
                averagePrecision.Add(recallStep * precision);
            }

            end = start - 1;
        }

        var rocAuc = positives == 0 || negatives == 0
            ? double.NaN
            : doubledRocArea / (2.0 * positives * negatives);
        return (rocAuc, averagePrecision.Value);
    }
}
