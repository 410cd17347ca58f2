namespace Gyre.Training.Scoring;

/// <summary>
/// Something scored but worth knowing, per column: e.g. <paramref name="RowCount"/> rows had a category never
/// seen in training (such values get an all-zero one-hot encoding). <paramref name="Examples"/> lists a few values.
/// </summary>
public sealed record ScoringWarning(string Column, string Message, int RowCount, IReadOnlyList<string> Examples);
