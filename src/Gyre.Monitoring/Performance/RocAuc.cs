namespace Gyre.Monitoring.Performance;

/// <summary>
/// Area under the ROC curve of weighted observations, as scikit-learn's <c>roc_auc_score</c> with
/// <c>sample_weight</c>: observations are sorted by score (descending), tied scores form one step, and the area
/// under the (FPR, TPR) polyline starting at (0, 0) is summed by trapezoids (so ties count one half).
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
internal static class RocAuc
{
    /// <summary>
    /// Computes the AUC. <paramref name="positiveWeights"/>[i] and <paramref name="negativeWeights"/>[i] are the
    /// weights with which observation i counts as positive and as negative (1/0 for a realized label, p̂/1−p̂
    /// for CBPE's expected labels). Returns null when either total weight is zero.
    /// </summary>
    public static double? Compute(IReadOnlyList<double> scores, IReadOnlyList<double> positiveWeights, IReadOnlyList<double> negativeWeights)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]));
        double totalPositive = 0, totalNegative = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            totalPositive += positiveWeights[i];
            totalNegative += negativeWeights[i];
        }

        if (totalPositive <= 0 || totalNegative <= 0)
        {
            return null;
        }

        double truePositives = 0, falsePositives = 0, area = 0;
        double previousTpr = 0, previousFpr = 0;
        var index = 0;
        while (index < order.Length)
        {
            var score = scores[order[index]];
            while (index < order.Length && scores[order[index]] == score)
            {
                truePositives += positiveWeights[order[index]];
                falsePositives += negativeWeights[order[index]];
                index++;
            }

            var tpr = truePositives / totalPositive;
            var fpr = falsePositives / totalNegative;
            area += (fpr - previousFpr) * (tpr + previousTpr) / 2;
            previousTpr = tpr;
            previousFpr = fpr;
        }

        return area;
    }
}
