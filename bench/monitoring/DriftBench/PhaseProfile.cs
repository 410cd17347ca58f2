using System.Diagnostics;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;

namespace Gyre.Bench.Monitoring;

/// <summary>
/// Where Gyre's detection time goes, column by column, on one thread, through the public APIs: for a numeric
/// column the two <see cref="FiniteValues.SortInto"/> calls (into a reused buffer, as the detector does), <see cref="KolmogorovSmirnovTest.Statistic"/> on the
/// sorted arrays, <see cref="KolmogorovDistribution.SurvivalFunction"/> for the p-value, and the whole
/// <see cref="ColumnDriftDetector.Detect(ReadOnlySpan{double}, ReadOnlySpan{double}, ColumnDriftOptions?)"/> call
/// (whose remainder is the detector's own extra passes); for a categorical column the whole call. Medians of
/// <c>repeats</c> after one warm-up. A diagnostic, not part of the comparison.
/// </summary>
internal static class PhaseProfile
{
    public static object Run(MonitoredFrame reference, MonitoredFrame current, int repeats)
    {
        var rows = new List<object>();
        var ks = new ColumnDriftOptions(Method: DriftMethod.KolmogorovSmirnov);
        var chiSquare = new ColumnDriftOptions(Method: DriftMethod.ChiSquare);
        // The detector sorts into pooled buffers; time the same sort, into one reused buffer.
        var buffer = new double[reference.RowCount + current.RowCount];
        foreach (var column in reference.Columns)
        {
            switch (column, current.Find(column.Name))
            {
                case (NumericColumn r, NumericColumn c):
                    var sortedReference = FiniteValues.Sorted(r.Values);
                    var sortedCurrent = FiniteValues.Sorted(c.Values);
                    var d = KolmogorovSmirnovTest.Statistic(sortedReference, sortedCurrent);
                    var n = (int)Math.Round((double)sortedReference.Length * sortedCurrent.Length / (sortedReference.Length + sortedCurrent.Length));
                    rows.Add(new
                    {
                        name = r.Name,
                        sort_reference_ms = Time(repeats, () => FiniteValues.SortInto(r.Values, buffer)),
                        sort_current_ms = Time(repeats, () => FiniteValues.SortInto(c.Values, buffer)),
                        statistic_ms = Time(repeats, () => KolmogorovSmirnovTest.Statistic(sortedReference, sortedCurrent)),
                        p_value_ms = Time(repeats, () => KolmogorovDistribution.SurvivalFunction(n, d)),
                        detect_ms = Time(repeats, () => ColumnDriftDetector.Detect(r.Values, c.Values, ks)),
                        distinct_reference = sortedReference.Distinct().Count(),
                    });
                    break;
                case (CategoricalColumn r, CategoricalColumn c):
                    rows.Add(new { name = r.Name, detect_ms = Time(repeats, () => ColumnDriftDetector.Detect(r.Values, c.Values, chiSquare)) });
                    break;
                default:
                    break;
            }
        }

        return rows;
    }

    private static double Time<T>(int repeats, Func<T> action)
    {
        GC.KeepAlive(action());
        var times = new double[repeats];
        var clock = new Stopwatch();
        for (var i = 0; i < repeats; i++)
        {
            clock.Restart();
            GC.KeepAlive(action());
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return Math.Round(times[repeats / 2], 3);
    }
}
