namespace Gyre.Monitoring.Performance;

/// <summary>
/// One classifier prediction joined with its (possibly delayed) ground truth.
/// <paramref name="Time"/>: prediction time in Unix ms. <paramref name="Actual"/>: null while the label has not
/// arrived. <paramref name="Score"/>: for a binary model, the probability of the positive class (null when the
/// model gives none). <paramref name="Segment"/>: the value of the slicing column (e.g. <c>sex</c>), if any.
/// </summary>
public sealed record ClassificationOutcome(long Time, string Predicted, string? Actual, double? Score, string? Segment = null);
