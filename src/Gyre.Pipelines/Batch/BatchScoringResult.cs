using Gyre.Training.Scoring;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// What a batch job did. <see cref="Succeeded"/>: the reject rate is at most the threshold. <see cref="Written"/>:
/// the output was committed (on success, or over the threshold when asked). <see cref="Violations"/> holds the first
/// violations (<see cref="ViolationCount"/> counts all); <see cref="Warnings"/> are summed per column over the job.
/// </summary>
public sealed record BatchScoringResult(
    string OutputPath,
    bool Written,
    bool Succeeded,
    IReadOnlyList<string> Files,
    long RowsRead,
    long RowsScored,
    long RowsRejected,
    double MaxRejectRate,
    string? RejectsPath,
    IReadOnlyList<SignatureViolation> Violations,
    long ViolationCount,
    IReadOnlyList<ScoringWarning> Warnings,
    TimeSpan Elapsed)
{
    /// <summary>Rejected rows over rows read (0 for an empty input).</summary>
    public double RejectRate => RowsRead == 0 ? 0 : (double)RowsRejected / RowsRead;

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsRead / Elapsed.TotalSeconds : 0;
}
