namespace Gyre.Training.Evaluation;

/// <summary>
/// Quality of a binary classifier on one evaluation set. Every value agrees with scikit-learn 1.2.1
/// on the same inputs (see each parameter).
/// </summary>
/// <param name="Accuracy">Fraction of examples whose predicted class is the true class (<c>accuracy_score</c>).</param>
/// <param name="Precision">TP / (TP + FP) of the positive class; 0 when nothing is predicted positive
/// (<c>precision_score</c> with <c>zero_division=0</c>).</param>
/// <param name="Recall">TP / (TP + FN) of the positive class; 0 when no label is positive
/// (<c>recall_score</c> with <c>zero_division=0</c>).</param>
/// <param name="F1">2·P·R / (P + R); 0 when P + R = 0 (<c>f1_score</c> with <c>zero_division=0</c>).</param>
/// <param name="RocAuc">Area under the ROC curve, trapezoids over distinct thresholds (<c>roc_auc_score</c>);
/// NaN when the labels hold one class only, where scikit-learn raises instead.</param>
/// <param name="PrAuc">Average precision, the step-wise area under the precision–recall curve
/// (<c>average_precision_score</c>, not the trapezoid <c>auc(recall, precision)</c>); 0 with no positive label.</param>
/// <param name="LogLoss">Mean cross-entropy with probabilities clipped to [ε, 1 − ε], ε = 2⁻⁵²
/// (<c>log_loss(labels=[0, 1])</c>, defined even when the labels hold one class).</param>
/// <param name="ConfusionMatrix">Classes <c>[negative, positive]</c> (<see cref="NegativeClass"/>,
/// <see cref="PositiveClass"/>), so <c>Counts = [[TN, FP], [FN, TP]]</c>.</param>
public sealed record BinaryMetrics(
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double RocAuc,
    double PrAuc,
    double LogLoss,
    ConfusionMatrix ConfusionMatrix)
{
    /// <summary>Name of class 0 (label <c>false</c>) in <see cref="ConfusionMatrix"/>.</summary>
    public const string NegativeClass = "negative";

    /// <summary>Name of class 1 (label <c>true</c>) in <see cref="ConfusionMatrix"/>.</summary>
    public const string PositiveClass = "positive";

    private static readonly string[] BinaryClasses = [NegativeClass, PositiveClass];

    /// <summary>Computes the metrics of scored binary examples.</summary>
    /// <param name="labels">True classes; <c>true</c> = positive class.</param>
    /// <param name="probabilities">P(positive) of each example, in [0, 1].</param>
    /// <param name="threshold">An example is predicted positive when its probability is &gt;= this.
    /// Only Accuracy, Precision, Recall, F1 and the confusion matrix depend on it.</param>
    /// <exception cref="ArgumentException">The lists are null, empty or of different lengths, a probability
    /// is NaN or outside [0, 1], or <paramref name="threshold"/> is NaN.</exception>
    public static BinaryMetrics Compute(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities, double threshold = 0.5)
    {
        MetricArguments.RequireSameNonEmptyLength(labels, probabilities, nameof(labels), nameof(probabilities));
        for (var i = 0; i < probabilities.Count; i++)
        {
            MetricArguments.RequireProbability(probabilities[i], nameof(probabilities), $"[{i}]");
        }

        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("The decision threshold must be a number, not NaN.", nameof(threshold));
        }

        var trueClasses = new int[labels.Count];
        var predictedClasses = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            trueClasses[i] = labels[i] ? 1 : 0;
            predictedClasses[i] = probabilities[i] >= threshold ? 1 : 0;
        }

        var confusion = ConfusionMatrix.Tally(BinaryClasses, trueClasses, predictedClasses);
        var counts = confusion.Counts;
        long trueNegatives = counts[0][0], falsePositives = counts[0][1];
        long falseNegatives = counts[1][0], truePositives = counts[1][1];

        var precision = ClassificationRatios.Divide(truePositives, truePositives + falsePositives);
        var recall = ClassificationRatios.Divide(truePositives, truePositives + falseNegatives);
        var (rocAuc, averagePrecision) = RankingCurves.Compute(labels, probabilities);
        return new BinaryMetrics(
            Accuracy: (double)(truePositives + trueNegatives) / labels.Count,
            Precision: precision,
            Recall: recall,
            F1: ClassificationRatios.F1(precision, recall),
            RocAuc: rocAuc,
            PrAuc: averagePrecision,
            LogLoss: Evaluation.LogLoss.Binary(labels, probabilities),
            ConfusionMatrix: confusion);
    }

    /// <summary>The scalar metrics under the keys <c>accuracy, precision, recall, f1, roc_auc, pr_auc,
    /// log_loss</c>, enumerated in that order. Returns a new dictionary on each call.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => new OrderedDictionary<string, double>
    {
        ["accuracy"] = Accuracy,
        ["precision"] = Precision,
        ["recall"] = Recall,
        ["f1"] = F1,
        ["roc_auc"] = RocAuc,
        ["pr_auc"] = PrAuc,
        ["log_loss"] = LogLoss,
    };
}
