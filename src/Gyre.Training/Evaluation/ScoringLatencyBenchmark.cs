using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;

namespace Gyre.Training.Evaluation;

/// <summary>
/// A quick benchmark of single-row scoring as the model server does it: the rows are checked against the model's
/// signature and turned into <see cref="FeatureRow"/>s before timing, then each <see cref="RowScorer.Score"/> call
/// (featurization and the model, no HTTP) is timed on its own with <see cref="TimeProvider"/> timestamps. Synchronous and CPU-bound; the numbers
/// depend on the machine and its load, so use them for coarse bounds only. Thread-safe.
/// </summary>
public static class ScoringLatencyBenchmark
{
    /// <summary>Default untimed calls before measuring (JIT, caches).</summary>
    public const int DefaultWarmupCalls = 50;

    /// <summary>Default timed calls.</summary>
    public const int DefaultTimedCalls = 300;

    /// <summary>Measures <paramref name="package"/> on single rows of <paramref name="rows"/>.</summary>
    /// <param name="clock">The timestamp source (default <see cref="TimeProvider.System"/>).</param>
    /// <exception cref="GyreException">InvalidInput when <paramref name="rows"/> is empty or a row does not fit the model's signature (naming its line).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Negative warm-up calls or fewer than one timed call.</exception>
    public static ScoringLatency Measure(
        ModelPackage package,
        DataTable rows,
        int warmupCalls = DefaultWarmupCalls,
        int timedCalls = DefaultTimedCalls,
        TimeProvider? clock = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupCalls);
        ArgumentOutOfRangeException.ThrowIfLessThan(timedCalls, 1);
        if (rows.RowCount == 0)
        {
            throw GyreException.InvalidInput($"{rows.SourcePath ?? "benchmark data"}: has no rows to time scoring on.");
        }

        clock ??= TimeProvider.System;
        var scorer = RowScorer.For(package);
        var singles = Rows(package, scorer, rows.Take([.. Enumerable.Range(0, Math.Min(rows.RowCount, warmupCalls + timedCalls))]));
        for (var call = 0; call < warmupCalls; call++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scorer.Score(singles[call % singles.Length]);
        }

        var milliseconds = new double[timedCalls];
        for (var call = 0; call < timedCalls; call++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = singles[(warmupCalls + call) % singles.Length];
            var start = clock.GetTimestamp();
            scorer.Score(row);
            milliseconds[call] = clock.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(milliseconds);
        return new ScoringLatency(NearestRank(milliseconds, 0.50), NearestRank(milliseconds, 0.95), milliseconds[^1], warmupCalls, timedCalls);
    }

    /// <summary>The rows as feature rows, after the batch path's signature check (a violation names its line).</summary>
    private static FeatureRow[] Rows(ModelPackage package, RowScorer scorer, DataTable rows)
    {
        var checkedTable = SignatureChecker.Check(rows, scorer.Signature);
        if (checkedTable.Violations.Count > 0 || checkedTable.Conformed is not { } conformed)
        {
            var violation = checkedTable.Violations[0];
            throw GyreException.InvalidInput(
                $"{rows.SourcePath ?? "benchmark data"} line {violation.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: cannot be scored by model package '{package.Path}': {violation.Message}");
        }

        var result = new FeatureRow[conformed.RowCount];
        for (var row = 0; row < result.Length; row++)
        {
            result[row] = new FeatureRow(scorer.Signature);
            result[row].CopyFrom(conformed, row);
        }

        return result;
    }

    private static double NearestRank(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
