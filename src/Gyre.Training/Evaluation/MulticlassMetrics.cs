namespace Gyre.Training.Evaluation;

/// <summary>
/// Quality of a K-class classifier on one evaluation set. Every value agrees with scikit-learn 1.2.1
/// on the same inputs, with <c>labels=range(K)</c> where it takes labels (see each parameter).
/// </summary>
/// <param name="MicroAccuracy">Fraction of examples whose predicted class is the true class (<c>accuracy_score</c>).</param>
/// <param name="MacroAccuracy">Mean recall over the classes that occur in the labels
/// (<c>balanced_accuracy_score</c>, ML.NET's macro accuracy). Classes absent from the labels are left
/// out of the mean, as scikit-learn does, even when they are predicted.</param>
/// <param name="LogLoss">Mean cross-entropy; probabilities are clipped to [ε, 1 − ε], ε = 2⁻⁵², and each
/// row renormalized to sum to 1 (<c>log_loss(labels=range(K))</c>).</param>
/// <param name="MacroF1">Unweighted mean of <paramref name="PerClassF1"/> over all K classes
/// (<c>f1_score(average="macro", labels=range(K), zero_division=0)</c>).</param>
/// <param name="PerClassF1">F1 of each class in class order; 0 for a class with no true positive, which
/// includes a class neither present nor predicted (<c>f1_score(average=None, labels=range(K), zero_division=0)</c>).</param>
/// <param name="ConfusionMatrix">K×K counts, classes in the order of the class names given.</param>
public sealed record MulticlassMetrics(
    double MicroAccuracy,
    double MacroAccuracy,
    double LogLoss,
    double MacroF1,
    IReadOnlyList<double> PerClassF1,
    ConfusionMatrix ConfusionMatrix)
{
    /// <summary>Computes the metrics of examples scored over K classes.</summary>
    /// <param name="labels">True class index of each example, in [0, K).</param>
    /// <param name="probabilities">One row of K class probabilities per example, each in [0, 1]. Rows need not
    /// sum to 1 exactly (the log loss renormalizes them). The predicted class is the argmax, the lowest
    /// index on ties.</param>
    /// <param name="classNames">The K ≥ 2 class names, distinct and non-empty; they key
    /// <see cref="ToDictionary"/> as <c>f1_&lt;name&gt;</c>.</param>
    /// <exception cref="ArgumentException">A list is null or empty, the lists differ in length, a label is
    /// outside [0, K), a row is null or not K wide, a probability is NaN or outside [0, 1], or the class
    /// names are fewer than 2, empty or repeated.</exception>
    public static MulticlassMetrics Compute(
        IReadOnlyList<int> labels, IReadOnlyList<double[]> probabilities, IReadOnlyList<string> classNames)
    {
        var classes = ValidateClassNames(classNames);
        MetricArguments.RequireSameNonEmptyLength(labels, probabilities, nameof(labels), nameof(probabilities));
        var classCount = classes.Length;
        var predicted = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= classCount)
            {
                throw new ArgumentException(
                    $"labels[{i}] is {labels[i]}; class indexes must lie in [0, {classCount}).", nameof(labels));
            }

            predicted[i] = ArgMax(probabilities[i], i, classCount, nameof(probabilities));
        }

        var confusion = ConfusionMatrix.Tally(classes, labels, predicted);
        var perClassF1 = new double[classCount];
        var recallSum = new CompensatedSum();
        var classesPresent = 0;
        long correct = 0;
        for (var c = 0; c < classCount; c++)
        {
            long truePositives = confusion.Counts[c][c];
            long support = 0, predictedCount = 0;
            for (var other = 0; other < classCount; other++)
            {
                support += confusion.Counts[c][other];
                predictedCount += confusion.Counts[other][c];
            }

            var precision = ClassificationRatios.Divide(truePositives, predictedCount);
            var recall = ClassificationRatios.Divide(truePositives, support);
            perClassF1[c] = ClassificationRatios.F1(precision, recall);
            correct += truePositives;
            if (support > 0)
            {
                recallSum.Add(recall);
                classesPresent++;
            }
        }

        var f1Sum = new CompensatedSum();
        foreach (var f1 in perClassF1)
        {
            f1Sum.Add(f1);
        }

        return new MulticlassMetrics(
            MicroAccuracy: (double)correct / labels.Count,
            MacroAccuracy: recallSum.Value / classesPresent,
            LogLoss: Evaluation.LogLoss.Multiclass(labels, probabilities),
            MacroF1: f1Sum.Value / classCount,
            PerClassF1: perClassF1,
            ConfusionMatrix: confusion);
    }

    /// <summary>The scalar metrics under the keys <c>micro_accuracy, macro_accuracy, log_loss, macro_f1</c>,
    /// then <c>f1_&lt;class name&gt;</c> per class in class order, enumerated in that order. Returns a new
    /// dictionary on each call.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var values = new OrderedDictionary<string, double>
        {
            ["micro_accuracy"] = MicroAccuracy,
            ["macro_accuracy"] = MacroAccuracy,
            ["log_loss"] = LogLoss,
            ["macro_f1"] = MacroF1,
        };
        for (var c = 0; c < PerClassF1.Count; c++)
        {
            values["f1_" + ConfusionMatrix.Classes[c]] = PerClassF1[c];
        }

        return values;
    }

    private static string[] ValidateClassNames(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count < 2)
        {
            throw new ArgumentException(
                $"A multiclass evaluation needs at least 2 class names; got {classNames.Count}.", nameof(classNames));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var classes = new string[classNames.Count];
        for (var c = 0; c < classes.Length; c++)
        {
            var name = classNames[c];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"classNames[{c}] is null or empty.", nameof(classNames));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"classNames[{c}] repeats the class name '{name}'.", nameof(classNames));
            }

            classes[c] = name;
        }

        return classes;
    }

    private static int ArgMax(double[] row, int index, int classCount, string parameterName)
    {
        if (row is null || row.Length != classCount)
        {
            throw new ArgumentException(
                $"probabilities[{index}] has {row?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} entries; "
                + $"each row must hold one probability per class ({classCount}).",
                parameterName);
        }

        var best = 0;
        for (var c = 0; c < classCount; c++)
        {
            MetricArguments.RequireProbability(row[c], parameterName, $"[{index}][{c}]");
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }
}
