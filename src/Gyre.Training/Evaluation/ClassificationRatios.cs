namespace Gyre.Training.Evaluation;

/// <summary>Precision, recall and F1 arithmetic with scikit-learn's <c>zero_division=0</c> rule: a ratio
/// whose denominator is 0 is 0.</summary>
internal static class ClassificationRatios
{
    public static double Divide(long numerator, long denominator) =>
        denominator == 0 ? 0.0 : (double)numerator / denominator;

    /// <summary>2·P·R / (P + R), evaluated in scikit-learn's order; 0 when P + R = 0.</summary>
    public static double F1(double precision, double recall)
    {
        var denominator = precision + recall;
        return denominator == 0.0 ? 0.0 : 2.0 * precision * recall / denominator;
    }
}
