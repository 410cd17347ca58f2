namespace Gyre.Training.Scoring;

/// <summary>
/// The result of scoring a table: one prediction per row that passed the signature check (in input order),
/// every violation (rows with one are absent from <see cref="Predictions"/>), and warnings.
/// </summary>
public sealed record ScoringResult(
    IReadOnlyList<RowPrediction> Predictions,
    IReadOnlyList<SignatureViolation> Violations,
    IReadOnlyList<ScoringWarning> Warnings)
{
    /// <summary>True when every row was scored.</summary>
    public bool IsComplete => Violations.Count == 0;
}
