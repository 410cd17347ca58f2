using System.Globalization;
using System.Text.Json;
using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers.Tpe;

/// <summary>
/// The observations TPE learns from, split into the good ("below") and bad ("above") groups as in
/// Optuna 3.1's _get_observation_pairs / _split_observation_pairs:
/// <list type="bullet">
/// <item>Complete trials rank by value (best first), then Pruned trials deepest first and best at
/// their last step; with constant liar, other Running trials rank last (worst possible).</item>
/// <item>The best gamma(n) trials (n = Complete + Pruned) are below, the rest above; both keep
/// chronological order, which the observation weights depend on.</item>
/// <item>A trial enters a group only if it has every requested parameter with a value admissible in
/// the requested distribution (a running trial's joint sample from <see cref="Study.RelativeParamsAttr"/>
/// counts before its suggest calls store it).</item>
/// </list>
/// </summary>
internal sealed class TpeObservations
{
    private TpeObservations(int finished, double[][] below, double[][] above, double[]? best)
    {
        Finished = finished;
        Below = below;
        Above = above;
        Best = best;
    }

    /// <summary>Complete + Pruned trials seen (the n of gamma(n) and of the startup rule).</summary>
    public int Finished { get; }

    /// <summary>Good observations: [parameter][observation], oldest first.</summary>
    public double[][] Below { get; }

    /// <summary>Bad observations: [parameter][observation], oldest first.</summary>
    public double[][] Above { get; }

    /// <summary>
    /// The internal values, per parameter, of the best Complete trial that has all of them (the
    /// earliest among equals), or null when no Complete trial has them all.
    /// </summary>
    public double[]? Best { get; }

    /// <summary>Collects and splits the observations of <paramref name="names"/> for the trial numbered <paramref name="current"/>.</summary>
    public static TpeObservations Collect(IReadOnlyList<FrozenTrial> trials, int current, IReadOnlyList<string> names,
        IReadOnlyList<ParameterDistribution> distributions, StudyDirection direction, bool constantLiar, Func<int, int> gamma)
    {
        var sign = direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var ranked = new List<(double Step, double Score, int Order, double[]? Values)>(trials.Count);
        var finished = 0;
        foreach (var trial in trials)
        {
            (double Step, double Score) key;
            switch (trial.State)
            {
                case TrialState.Complete when trial.Value is { } v:
                    key = (double.NegativeInfinity, sign * v);
                    break;
                case TrialState.Pruned:
                    if (trial.LastStep is { } step)
                    {
                        var last = trial.IntermediateValues[step];
                        key = (-step, double.IsNaN(last) ? double.PositiveInfinity : sign * last);
                    }
                    else key = (1, 0);
                    break;
                case TrialState.Running when constantLiar && trial.Number != current:
                    key = (double.PositiveInfinity, double.PositiveInfinity);
                    break;
                default:
                    continue;
            }
            if (trial.State != TrialState.Running) finished++;
            ranked.Add((key.Step, key.Score, ranked.Count, ValuesOf(trial, names, distributions)));
        }

        var nBelow = Math.Clamp(gamma(finished), 0, ranked.Count);
        var byRank = ranked.ToArray();
        Array.Sort(byRank, (x, y) =>
        {
            var c = x.Step.CompareTo(y.Step);
            if (c == 0) c = x.Score.CompareTo(y.Score);
            return c != 0 ? c : x.Order.CompareTo(y.Order); // stable, as numpy's kind="stable"
        });
        var below = byRank.Take(nBelow).OrderBy(r => r.Order).Select(r => r.Values);
        var above = byRank.Skip(nBelow).OrderBy(r => r.Order).Select(r => r.Values);
        var best = byRank.FirstOrDefault(r => double.IsNegativeInfinity(r.Step) && r.Values is not null).Values;
        return new TpeObservations(finished, Columns(below, names.Count), Columns(above, names.Count), best);
    }

    /// <summary>The trial's internal values of <paramref name="names"/>, or null if one is missing or inadmissible.</summary>
    private static double[]? ValuesOf(FrozenTrial trial, IReadOnlyList<string> names, IReadOnlyList<ParameterDistribution> distributions)
    {
        var values = new double[names.Count];
        Dictionary<string, string>? relative = null;
        for (var i = 0; i < names.Count; i++)
        {
            double internalValue;
            if (trial.Params.TryGetValue(names[i], out var external))
            {
                if (!TryToInternal(distributions[i], external, out internalValue)) return null;
            }
            else if (trial.State == TrialState.Running && trial.SystemAttrs.TryGetValue(Study.RelativeParamsAttr, out var json))
            {
                relative ??= JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
                if (!relative.TryGetValue(names[i], out var text)) return null;
                internalValue = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            else return null;
            if (!distributions[i].Contains(internalValue)) return null;
            values[i] = internalValue;
        }
        return values;
    }

    private static bool TryToInternal(ParameterDistribution distribution, object? external, out double internalValue)
    {
        try
        {
            internalValue = distribution.ToInternal(external);
            return true;
        }
        catch (Exception ex) when (ex is Core.GyreException or FormatException or InvalidCastException)
        {
            internalValue = double.NaN;
            return false;
        }
    }

    private static double[][] Columns(IEnumerable<double[]?> rows, int width)
    {
        var kept = rows.Where(r => r is not null).ToList();
        var columns = new double[width][];
        for (var d = 0; d < width; d++)
        {
            columns[d] = new double[kept.Count];
            for (var i = 0; i < kept.Count; i++) columns[d][i] = kept[i]![d];
        }
        return columns;
    }
}
