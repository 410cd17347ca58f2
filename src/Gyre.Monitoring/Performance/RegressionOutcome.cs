namespace Gyre.Monitoring.Performance;

/// <summary>
/// One regression prediction joined with its (possibly delayed) ground truth.
/// <paramref name="Time"/>: prediction time in Unix ms. <paramref name="Actual"/>: null while the label has not
/// arrived. <paramref name="Segment"/>: the value of the slicing column, if any.
/// </summary>
public sealed record RegressionOutcome(long Time, double Predicted, double? Actual, string? Segment = null);
