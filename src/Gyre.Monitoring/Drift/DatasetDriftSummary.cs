using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Turns per-column results into a dataset verdict: applies the multiple-testing correction to the tested
/// p-value columns, then counts drifted columns among the tested ones. Used by every dataset-drift path
/// (raw columns and profiles) so they decide the same way. Thread-safe (no state).
/// </summary>
public static class DatasetDriftSummary
{
    /// <summary>Adjusts and summarizes; <paramref name="columns"/> keep their order.</summary>
    /// <exception cref="GyreException">InvalidInput when the drift share is outside (0, 1].</exception>
    public static DatasetDriftResult Summarize(IReadOnlyList<ColumnDrift> columns, DatasetDriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.DriftShare > 0 && options.DriftShare <= 1))
        {
            throw GyreException.InvalidInput($"Drift share must be in (0, 1]; got {options.DriftShare}.");
        }

        var adjusted = Adjust(columns, options.Correction);
        var tested = adjusted.Count(c => c.Tested);
        var drifted = adjusted.Count(c => c.Tested && c.Drifted);
        double? share = tested == 0 ? null : drifted / (double)tested;
        return new DatasetDriftResult(
            adjusted, tested, drifted, share, options.DriftShare, options.Correction, share is { } s && s >= options.DriftShare);
    }

    /// <summary>
    /// Adjusted p-values for <paramref name="pValues"/> (any order; result in the same order), each in [0, 1].
    /// Bonferroni: min(1, m·p). Holm: step-down max over sorted (m − i + 1)·p₍ᵢ₎. Benjamini–Hochberg: step-up
    /// min over sorted m·p₍ᵢ₎/i. Agrees with statsmodels' <c>multipletests</c> (bonferroni, holm, fdr_bh).
    /// </summary>
    public static double[] AdjustPValues(IReadOnlyList<double> pValues, MultipleTestingCorrection correction)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var result = pValues.ToArray();
        if (correction == MultipleTestingCorrection.None || m == 0)
        {
            return result;
        }

        if (correction == MultipleTestingCorrection.Bonferroni)
        {
            return [.. result.Select(p => Math.Min(1.0, p * m))];
        }

        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        if (correction == MultipleTestingCorrection.Holm)
        {
            var running = 0.0;
            for (var rank = 0; rank < m; rank++)
            {
                running = Math.Max(running, Math.Min(1.0, (m - rank) * pValues[order[rank]]));
                result[order[rank]] = running;
            }

            return result;
        }

        var minimum = 1.0;
        for (var rank = m - 1; rank >= 0; rank--)
        {
            minimum = Math.Min(minimum, pValues[order[rank]] * m / (rank + 1));
            result[order[rank]] = minimum;
        }

        return result;
    }

    private static List<ColumnDrift> Adjust(IReadOnlyList<ColumnDrift> columns, MultipleTestingCorrection correction)
    {
        var list = columns.Select(c => c with { AdjustedPValue = null }).ToList();
        if (correction == MultipleTestingCorrection.None)
        {
            return list;
        }

        var indices = Enumerable.Range(0, list.Count)
            .Where(i => list[i].Tested && list[i].Result.Score is not null && DriftMethods.IsPValue(list[i].Result.Method))
            .ToArray();
        var adjusted = AdjustPValues([.. indices.Select(i => list[i].Result.Score!.Value)], correction);
        for (var j = 0; j < indices.Length; j++)
        {
            list[indices[j]] = list[indices[j]] with { AdjustedPValue = adjusted[j] };
        }

        return list;
    }
}
