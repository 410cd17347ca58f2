using Gyre.Core;
using Gyre.Monitoring.Performance;

namespace Gyre.Monitoring.Fairness;

/// <summary>
/// Group fairness of a binary classifier's decisions across the values of one protected attribute, with
/// fairlearn's definitions (see <see cref="FairnessResult"/>). Selection rates use every row of a group, labeled
/// or not; true/false positive rates and accuracy use only the group's labeled rows. A label-based difference
/// is null when fewer than two groups have the rate defined (a difference over one group would read as "fair").
/// </summary>
/// <remarks>Thread-safe (no state). Groups are reported in ordinal order of their value.</remarks>
public static class FairnessMetrics
{
    /// <summary>Computes the fairness figures.</summary>
    /// <param name="outcomes">Predictions with optional labels.</param>
    /// <param name="groups">The attribute value of each outcome (same length); rows with a null group are skipped.</param>
    /// <param name="attribute">The protected attribute's name (e.g. <c>sex</c>), used in the result and in errors.</param>
    /// <param name="positiveClass">The favourable decision (the class whose rate is compared).</param>
    /// <exception cref="GyreException">The lists differ in length, or fewer than two groups have rows.</exception>
    public static FairnessResult Compute(
        IReadOnlyList<ClassificationOutcome> outcomes, IReadOnlyList<string?> groups, string attribute, string positiveClass)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        ArgumentNullException.ThrowIfNull(positiveClass);
        if (outcomes.Count != groups.Count)
        {
            throw GyreException.InvalidInput(
                $"Fairness attribute '{attribute}' has {groups.Count} values for {outcomes.Count} outcomes; they must match one to one.");
        }

        var byGroup = new SortedDictionary<string, List<ClassificationOutcome>>(StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (groups[i] is not { } group)
            {
                continue;
            }

            if (!byGroup.TryGetValue(group, out var rows))
            {
                rows = [];
                byGroup[group] = rows;
            }

            rows.Add(outcomes[i]);
        }

        if (byGroup.Count < 2)
        {
            throw GyreException.InvalidInput(
                $"Fairness attribute '{attribute}' needs at least two groups with rows, found {byGroup.Count}.");
        }

        var rates = byGroup.Select(pair => Rates(pair.Key, pair.Value, positiveClass)).ToList();
        var selection = rates.Select(r => r.SelectionRate).ToList();
        var maxSelection = selection.Max();
        var parityRatio = maxSelection == 0 ? 1.0 : selection.Min() / maxSelection;
        var tprDifference = Spread(rates.Select(r => r.TruePositiveRate));
        var fprDifference = Spread(rates.Select(r => r.FalsePositiveRate));
        double? oddsDifference = tprDifference is null || fprDifference is null
            ? null
            : Math.Max(tprDifference.Value, fprDifference.Value);
        return new FairnessResult(
            attribute, positiveClass, rates, maxSelection - selection.Min(), parityRatio, tprDifference, oddsDifference);
    }

    private static GroupRates Rates(string group, List<ClassificationOutcome> rows, string positiveClass)
    {
        var selected = rows.Count(o => o.Predicted == positiveClass);
        int positives = 0, truePositives = 0, negatives = 0, falsePositives = 0, labeled = 0, correct = 0;
        foreach (var row in rows)
        {
            if (row.Actual is null)
            {
                continue;
            }

            labeled++;
            correct += row.Actual == row.Predicted ? 1 : 0;
            var predictedPositive = row.Predicted == positiveClass;
            if (row.Actual == positiveClass)
            {
                positives++;
                truePositives += predictedPositive ? 1 : 0;
            }
            else
            {
                negatives++;
                falsePositives += predictedPositive ? 1 : 0;
            }
        }

        return new GroupRates(
            group,
            rows.Count,
            selected / (double)rows.Count,
            positives == 0 ? null : truePositives / (double)positives,
            negatives == 0 ? null : falsePositives / (double)negatives,
            labeled == 0 ? null : correct / (double)labeled);
    }

    private static double? Spread(IEnumerable<double?> values)
    {
        var defined = values.OfType<double>().ToList();
        return defined.Count < 2 ? null : defined.Max() - defined.Min();
    }
}
