using Gyre.Core;

namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// Where served predictions and their later ground truth are kept for monitoring (drift, performance). Thread-safe;
/// each call is one transaction: a batch is written whole or not at all. Implemented by every store backend and
/// run against one contract test suite.
/// </summary>
public interface IInferenceLogStore
{
    /// <summary>Appends records (any order, any endpoints). Records are immutable once written.</summary>
    Task AppendInferencesAsync(IReadOnlyList<InferenceRecord> records, CancellationToken cancellationToken);

    /// <summary>Stores ground truth; a later label for the same (endpoint, request id) replaces the earlier one.</summary>
    Task AppendFeedbackAsync(IReadOnlyList<InferenceFeedback> feedback, CancellationToken cancellationToken);

    /// <summary>Records matching <paramref name="query"/>, oldest first (newest first when asked), with their labels; <paramref name="maxResults"/> 1..10000.</summary>
    Task<Page<LoggedInference>> SearchInferencesAsync(InferenceQuery query, int maxResults, string? pageToken, CancellationToken cancellationToken);
}
