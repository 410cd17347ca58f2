namespace Gyre.Pipelines.Batch;

/// <summary>
/// Where batch scoring writes its output, atomically: rows go to a temporary file next to the target, which replaces
/// the target only on <see cref="CommitAsync"/>; disposing without a commit deletes it (a failure or an interrupt
/// never leaves a partial file). <see cref="Encode"/> runs on the workers, in parallel; <see cref="WriteAsync"/> and
/// the rest on one writer, in chunk order.
/// </summary>
internal interface IBatchSink : IAsyncDisposable
{
    /// <summary>Formats a chunk's scored rows for <see cref="WriteAsync"/> (thread-safe).</summary>
    object Encode(ScoredRows rows);

    /// <summary>Appends what <see cref="Encode"/> made.</summary>
    ValueTask WriteAsync(object encoded, CancellationToken cancellationToken);

    /// <summary>Finishes the file and moves it into place.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
