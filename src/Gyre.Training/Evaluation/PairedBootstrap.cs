using Gyre.Core;

namespace Gyre.Training.Evaluation;

/// <summary>
/// Paired bootstrap of a metric's improvement between two models evaluated on the same rows: each replicate draws
/// n row indexes with replacement (one draw shared by both models), recomputes the metric for each model on those
/// rows and records the improvement (challenger − champion, negated for lower-is-better metrics). The interval is
/// the replicates' percentiles (linear interpolation, as numpy's default). Deterministic for a given seed; two
/// identical models give exactly [0, 0]. Thread-safe (no shared state); uses up to all cores.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>The default number of resamples.</summary>
    public const int DefaultReplicates = 1000;

    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Computes the interval of <paramref name="metric"/>'s improvement from <paramref name="champion"/> to <paramref name="challenger"/>.</summary>
    /// <param name="higherIsBetter">The metric's direction; false negates the difference so positive always means better.</param>
    /// <param name="confidence">The interval's coverage, in (0, 1).</param>
    /// <exception cref="GyreException">InvalidInput when the evaluations are not of the same rows (count or source lines differ) or either lacks the metric.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Replicates &lt; 1 or confidence outside (0, 1).</exception>
    public static BootstrapInterval Improvement(
        PackageEvaluation champion,
        PackageEvaluation challenger,
        string metric,
        bool higherIsBetter,
        int replicates = DefaultReplicates,
        int seed = DefaultSeed,
        double confidence = 0.95,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence must lie in (0, 1).");
        }

        RequireSameRows(champion, challenger);
        if (!champion.Metrics.ContainsKey(metric) || !challenger.Metrics.ContainsKey(metric))
        {
            throw GyreException.InvalidInput(
                $"Metric '{metric}' is not computed for both models; the champion has {string.Join(", ", champion.Metrics.Keys)}.");
        }

        var n = champion.RowCount;
        var random = new Random(seed);
        var draws = new int[replicates][];
        for (var r = 0; r < replicates; r++)
        {
            var rows = new int[n];
            for (var i = 0; i < n; i++)
            {
                rows[i] = random.Next(n);
            }

            draws[r] = rows;
        }

        var sign = higherIsBetter ? 1.0 : -1.0;
        var differences = new double[replicates];
        Parallel.For(0, replicates, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            var before = champion.MetricsOn(draws[r])[metric];
            var after = challenger.MetricsOn(draws[r])[metric];
            differences[r] = sign * (after - before);
        });

        var usable = differences.Where(d => !double.IsNaN(d)).Order().ToArray();
        var tail = (1 - confidence) / 2;
        return new BootstrapInterval(Percentile(usable, tail), Percentile(usable, 1 - tail), confidence, usable.Length, seed);
    }

    private static void RequireSameRows(PackageEvaluation champion, PackageEvaluation challenger)
    {
        var a = champion.Evaluation.Predictions;
        var b = challenger.Evaluation.Predictions;
        if (a.Count != b.Count || Enumerable.Range(0, a.Count).Any(i => a[i].Line != b[i].Line))
        {
            throw GyreException.InvalidInput(
                $"A paired bootstrap needs both models evaluated on the same rows; got {a.Count} and {b.Count} rows (or different source lines).");
        }
    }

    /// <summary>numpy.percentile's default (linear) interpolation on sorted values; NaN when empty.</summary>
    private static double Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
