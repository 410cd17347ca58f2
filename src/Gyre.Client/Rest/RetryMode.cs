namespace Gyre.Client.Rest;

/// <summary>Which failures a request may be sent again after.</summary>
internal enum RetryMode
{
    /// <summary>
    /// Repeating the request has the effect of sending it once (reads, overwrites, deletions): retried after
    /// 429, 502, 503, 504, a failed connection, a timeout or a connection lost before the answer.
    /// </summary>
    Idempotent,

    /// <summary>
    /// Repeating could apply the request twice (appending metrics, creating a run): retried only when the
    /// server surely did not process it: 429 and 503 answers, and connections that could not be opened.
    /// </summary>
    NotIdempotent,
}
