namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// A store call of an <see cref="InferenceLogWriter"/> that failed: <paramref name="Records"/> in the batch,
/// <paramref name="Attempt"/> (1 for the first call), and whether the batch was then given up
/// (<paramref name="GivenUp"/>: its records count as failed) or will be retried.
/// </summary>
public sealed record InferenceLogWriteFailure(int Records, int Attempt, bool GivenUp, Exception Error)
{
    /// <summary>One line for a log.</summary>
    public string Message => GivenUp
        ? $"Inference log: dropped a batch of {Records} records after {Attempt} failed writes: {Error.Message}"
        : $"Inference log: writing a batch of {Records} records failed (attempt {Attempt}), retrying: {Error.Message}";
}
