using Gyre.Training.Scoring;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// What a worker made of one chunk: its scored rows encoded for the sink, its rejected rows encoded as rejects-file
/// CSV rows, and every violation and warning. <see cref="Records"/> = <see cref="Scored"/> + <see cref="Rejected"/>.
/// </summary>
internal sealed record ChunkOutcome(
    string File,
    int Records,
    int Scored,
    int Rejected,
    object Encoded,
    ReadOnlyMemory<byte> Rejects,
    IReadOnlyList<SignatureViolation> Violations,
    IReadOnlyList<ScoringWarning> Warnings,
    long Bytes);
