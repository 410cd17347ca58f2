using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Analysis;

/// <summary>
/// Hyperparameter importance as Optuna 3.1's <c>get_param_importances</c>: a random forest (64 trees, depth ≤ 64,
/// seeded) regresses the objective on the parameters of the Complete trials, and a parameter's importance is its
/// fANOVA share of the forest's variance (Optuna's default, <see cref="ImportanceMethod.Fanova"/>) or the forest's mean
/// decrease in impurity on it (<see cref="ImportanceMethod.MeanDecreaseImpurity"/>). Only parameters that every Complete trial has, with the
/// same distribution, take part (Optuna's intersection search space); trials with a non-finite value are left out.
/// Parameters enter in Optuna's internal representation without log transform; a categorical one becomes one
/// indicator column per choice whose importances are added back up. Importances sum to 1 (all 0 when the values do
/// not vary) and are sorted descending, ties by name. Fewer than two usable trials: an empty list.
/// </summary>
public static class ImportanceEvaluator
{
    /// <summary>Trees in the forest (Optuna's default).</summary>
    public const int Trees = 64;

    /// <summary>Maximum tree depth (Optuna's default).</summary>
    public const int MaxDepth = 64;

    /// <summary>The importances of the parameters of <paramref name="trials"/> (any states; only Complete ones are used).</summary>
    public static IReadOnlyList<ParameterImportance> Evaluate(IReadOnlyList<FrozenTrial> trials, ulong seed = 0, ImportanceMethod method = ImportanceMethod.Fanova)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v)).ToList();
        if (complete.Count < 2) return [];
        var space = SharedSearchSpace(complete);
        if (space.Count == 0) return [];

        var columnOwner = new List<int>();
        for (var p = 0; p < space.Count; p++)
        {
            var width = space[p].Distribution is CategoricalDistribution c ? c.Choices.Count : 1;
            for (var k = 0; k < width; k++) columnOwner.Add(p);
        }

        var rows = complete.Select(t => Encode(t, space, columnOwner.Count)).ToList();
        var targets = complete.Select(t => t.Value!.Value).ToList();
        var forest = RandomForestRegressor.Fit(rows, targets, Trees, MaxDepth, seed);
        var importances = new double[space.Count];
        if (method == ImportanceMethod.MeanDecreaseImpurity)
        {
            var columnImportances = RandomForestRegressor.MeanDecreaseImpurity(forest, columnOwner.Count);
            for (var c = 0; c < columnImportances.Length; c++) importances[columnOwner[c]] += columnImportances[c];
        }
        else
        {
            var bounds = space.SelectMany(Bounds).ToList();
            var groups = Enumerable.Range(0, space.Count)
                .Select(p => Enumerable.Range(0, columnOwner.Count).Where(c => columnOwner[c] == p).ToArray()).ToList();
            importances = FanovaDecomposition.Importances(forest, bounds, groups);
            var total = importances.Sum();
            if (total > 0)
                for (var p = 0; p < importances.Length; p++) importances[p] /= total;
        }

        return space.Select((p, i) => new ParameterImportance(p.Name, importances[i]))
            .OrderByDescending(p => p.Importance).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The search-space box of a parameter's columns (Optuna's _SearchSpaceTransform bounds, no log transform).</summary>
    private static IEnumerable<(double Low, double High)> Bounds((string Name, ParameterDistribution Distribution) parameter) =>
        parameter.Distribution switch
        {
            CategoricalDistribution c => Enumerable.Repeat((0.0, 1.0), c.Choices.Count),
            FloatDistribution f => [(f.Low, f.High)],
            IntDistribution i => [((double)i.Low, (double)i.High)],
            _ => throw new NotSupportedException($"Parameter '{parameter.Name}': unknown distribution {parameter.Distribution.GetType().Name}."),
        };

    /// <summary>Parameters that every trial has with the same distribution, ordered by name.</summary>
    private static List<(string Name, ParameterDistribution Distribution)> SharedSearchSpace(List<FrozenTrial> trials)
    {
        var first = trials[0];
        return first.Distributions
            .Where(d => trials.All(t => t.Distributions.TryGetValue(d.Key, out var other) && other.Equals(d.Value)))
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => (d.Key, d.Value))
            .ToList();
    }

    private static double[] Encode(FrozenTrial trial, List<(string Name, ParameterDistribution Distribution)> space, int width)
    {
        var row = new double[width];
        var column = 0;
        foreach (var (name, distribution) in space)
        {
            var internalValue = distribution.ToInternal(trial.Params[name]);
            if (distribution is CategoricalDistribution categorical)
            {
                row[column + (int)internalValue] = 1;
                column += categorical.Choices.Count;
            }
            else
            {
                row[column++] = internalValue;
            }
        }

        return row;
    }
}
