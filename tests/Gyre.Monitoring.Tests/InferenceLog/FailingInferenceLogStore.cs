using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Monitoring.Tests.InferenceLog;

/// <summary>A real store whose first <paramref name="failures"/> appends throw an <see cref="IOException"/> (as a lost connection would) before it recovers. Thread-safe.</summary>
internal sealed class FailingInferenceLogStore(IInferenceLogStore inner, int failures) : IInferenceLogStore
{
    private int calls;

    /// <summary>Appends attempted so far, failed or not.</summary>
    public int Calls => Volatile.Read(ref calls);

    public Task AppendInferencesAsync(IReadOnlyList<InferenceRecord> records, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref calls) <= failures
            ? throw new IOException($"The database went away (call {Calls}).")
            : inner.AppendInferencesAsync(records, cancellationToken);

    public Task AppendFeedbackAsync(IReadOnlyList<InferenceFeedback> feedback, CancellationToken cancellationToken) =>
        inner.AppendFeedbackAsync(feedback, cancellationToken);

    public Task<Page<LoggedInference>> SearchInferencesAsync(InferenceQuery query, int maxResults, string? pageToken, CancellationToken cancellationToken) =>
        inner.SearchInferencesAsync(query, maxResults, pageToken, cancellationToken);
}
