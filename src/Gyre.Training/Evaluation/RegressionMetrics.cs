namespace Gyre.Training.Evaluation;

/// <summary>
/// Quality of a regressor on one evaluation set, in the units of the label (R² is unitless). Every
/// value agrees with scikit-learn 1.2.1 on the same inputs (see each parameter).
/// </summary>
/// <param name="Rmse">Root mean squared error, <c>sqrt(mean_squared_error)</c>.</param>
/// <param name="Mae">Mean absolute error, <c>mean_absolute_error</c>.</param>
/// <param name="R2">Coefficient of determination, <c>r2_score</c>: 1 − Σ(y − ŷ)² / Σ(y − ȳ)². When the
/// labels are constant it is 1 for perfect predictions and 0 otherwise; with a single example it is NaN.
/// Constant labels are detected exactly, so rounding in ȳ cannot turn them into a tiny non-zero variance
/// (where numpy's mean is inexact, scikit-learn then returns a huge negative number instead of 0).</param>
public sealed record RegressionMetrics(double Rmse, double Mae, double R2)
{
    /// <summary>Computes the metrics of predictions against labels.</summary>
    /// <param name="labels">True values, finite.</param>
    /// <param name="predictions">Predicted values, finite, one per label.</param>
    /// <exception cref="ArgumentException">The lists are null, empty or of different lengths, or a value is
    /// NaN or infinite.</exception>
    public static RegressionMetrics Compute(IReadOnlyList<double> labels, IReadOnlyList<double> predictions)
    {
        MetricArguments.RequireSameNonEmptyLength(labels, predictions, nameof(labels), nameof(predictions));
        var n = labels.Count;
        var labelSum = new CompensatedSum();
        var squaredErrors = new CompensatedSum();
        var absoluteErrors = new CompensatedSum();
        var constantLabels = true;
        for (var i = 0; i < n; i++)
        {
            MetricArguments.RequireFinite(labels[i], nameof(labels), i);
            MetricArguments.RequireFinite(predictions[i], nameof(predictions), i);
            var error = labels[i] - predictions[i];
            labelSum.Add(labels[i]);
            squaredErrors.Add(error * error);
            absoluteErrors.Add(Math.Abs(error));
            constantLabels &= labels[i] == labels[0];
        }

        return new RegressionMetrics(
            Rmse: Math.Sqrt(squaredErrors.Value / n),
            Mae: absoluteErrors.Value / n,
            R2: CoefficientOfDetermination(labels, labelSum.Value / n, squaredErrors.Value, constantLabels));
    }

    /// <summary>The metrics under the keys <c>rmse, mae, r2</c>, enumerated in that order. Returns a new
    /// dictionary on each call.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => new OrderedDictionary<string, double>
    {
        ["rmse"] = Rmse,
        ["mae"] = Mae,
        ["r2"] = R2,
    };

    private static double CoefficientOfDetermination(
        IReadOnlyList<double> labels, double labelMean, double residualSumOfSquares, bool constantLabels)
    {
        if (labels.Count < 2)
        {
            return double.NaN;
        }

        if (residualSumOfSquares == 0.0)
        {
            return 1.0;
        }

        if (constantLabels)
        {
            return 0.0;
        }

        var totalSumOfSquares = new CompensatedSum();
        foreach (var label in labels)
        {
            var deviation = label - labelMean;
            totalSumOfSquares.Add(deviation * deviation);
        }

        return 1.0 - (residualSumOfSquares / totalSumOfSquares.Value);
    }
}
