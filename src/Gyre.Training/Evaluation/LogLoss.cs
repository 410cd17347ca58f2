namespace Gyre.Training.Evaluation;

/// <summary>
/// Cross-entropy as scikit-learn 1.2.1's <c>log_loss</c> with its default <c>eps="auto"</c>: each
/// probability is clipped to [ε, 1 − ε] with ε = 2⁻⁵² (<c>np.finfo(np.float64).eps</c>), each row is
/// renormalized to sum to 1, and the loss is the mean of −ln(p of the true class). A probability of
/// exactly 0 on the true class therefore costs −ln ε ≈ 36.04, never infinity.
/// </summary>
internal static class LogLoss
{
    /// <summary>Machine epsilon of double, <c>np.finfo(np.float64).eps</c>.</summary>
    public const double Epsilon = 2.220446049250313e-16;

    public static double Clip(double probability) => Math.Clamp(probability, Epsilon, 1.0 - Epsilon);

    /// <summary>Mean loss of binary labels given P(positive).</summary>
    public static double Binary(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities)
    {
        var sum = new CompensatedSum();
        for (var i = 0; i < labels.Count; i++)
        {
            var positive = Clip(probabilities[i]);
            var negative = 1.0 - positive;
            var rowSum = negative + positive;
            sum.Add(-Math.Log((labels[i] ? positive : negative) / rowSum));
        }

        return sum.Value / labels.Count;
    }

    /// <summary>Mean loss of class indexes given one row of class probabilities per example.</summary>
    public static double Multiclass(IReadOnlyList<int> labels, IReadOnlyList<double[]> probabilities)
    {
        var sum = new CompensatedSum();
        for (var i = 0; i < labels.Count; i++)
        {
            var row = probabilities[i];
            var rowSum = 0.0;
            foreach (var p in row)
            {
                rowSum += Clip(p);
            }

            sum.Add(-Math.Log(Clip(row[labels[i]]) / rowSum));
        }

        return sum.Value / labels.Count;
    }
}
