using Gyre.Training.Evaluation;
using Gyre.Training.Validation;

namespace Gyre.Bench.Tuning;

/// <summary>
/// A paired percentile bootstrap of the test-AUC gain of one model over another scored on the same rows: each
/// replicate draws the test rows with replacement (one draw for both models) and recomputes both AUCs
/// (<see cref="BinaryMetrics.Compute"/>); the interval is the 2.5th and 97.5th percentiles of tuned − default.
/// </summary>
internal static class GainInterval
{
    public static (double Lower, double Upper) Compute(ModelEvaluation baseline, ModelEvaluation tuned, string positive, int replicates = 1000, int seed = 42)
    {
        var labels = baseline.Actual.Select(a => a == positive).ToArray();
        var a = baseline.Predictions.Select(p => p.Probability ?? double.NaN).ToArray();
        var b = tuned.Predictions.Select(p => p.Probability ?? double.NaN).ToArray();
        if (a.Length != b.Length || !baseline.Actual.SequenceEqual(tuned.Actual))
            throw new InvalidOperationException("the two evaluations are not of the same rows");

        var random = new Random(seed);
        var gains = new double[replicates];
        var sampleLabels = new bool[labels.Length];
        var sampleA = new double[labels.Length];
        var sampleB = new double[labels.Length];
        for (var r = 0; r < replicates; r++)
        {
            for (var i = 0; i < labels.Length; i++)
            {
                var k = random.Next(labels.Length);
                sampleLabels[i] = labels[k];
                sampleA[i] = a[k];
                sampleB[i] = b[k];
            }

            gains[r] = BinaryMetrics.Compute(sampleLabels, sampleB).RocAuc - BinaryMetrics.Compute(sampleLabels, sampleA).RocAuc;
        }

        Array.Sort(gains);
        return (Percentile(gains, 0.025), Percentile(gains, 0.975));
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}
