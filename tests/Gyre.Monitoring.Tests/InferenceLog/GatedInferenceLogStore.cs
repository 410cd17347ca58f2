using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Monitoring.Tests.InferenceLog;

/// <summary>
/// A real store behind a gate: every append waits (cancellably) until <see cref="Open"/>, then goes through.
/// Records the size of each batch it is given. Thread-safe.
/// </summary>
internal sealed class GatedInferenceLogStore(IInferenceLogStore inner) : IInferenceLogStore
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int> batchSizes = [];

    /// <summary>Completes when the first append has arrived at the gate.</summary>
    public Task FirstAppendArrived => entered.Task;

    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (batchSizes)
            {
                return [.. batchSizes];
            }
        }
    }

    public void Open() => gate.TrySetResult();

    public async Task AppendInferencesAsync(IReadOnlyList<InferenceRecord> records, CancellationToken cancellationToken)
    {
        lock (batchSizes)
        {
            batchSizes.Add(records.Count);
        }

        entered.TrySetResult();
        await gate.Task.WaitAsync(cancellationToken);
        await inner.AppendInferencesAsync(records, cancellationToken);
    }

    public Task AppendFeedbackAsync(IReadOnlyList<InferenceFeedback> feedback, CancellationToken cancellationToken) =>
        inner.AppendFeedbackAsync(feedback, cancellationToken);

    public Task<Page<LoggedInference>> SearchInferencesAsync(InferenceQuery query, int maxResults, string? pageToken, CancellationToken cancellationToken) =>
        inner.SearchInferencesAsync(query, maxResults, pageToken, cancellationToken);
}
