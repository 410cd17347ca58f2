using Gyre.Monitoring.InferenceLog;

namespace Gyre.Serving.InferenceLogging;

/// <summary>
/// Where served predictions go on their way to the inference log: a bounded queue written in the background.
/// <see cref="TryWrite"/> never blocks; when the queue is full the record is dropped and counted. Thread-safe.
/// </summary>
public interface IInferenceLogSink
{
    /// <summary>Queues <paramref name="record"/>; false (and counted in <see cref="Dropped"/>) when the queue is full or closed.</summary>
    bool TryWrite(InferenceRecord record);

    /// <summary>Records queued and not yet written.</summary>
    long QueueDepth { get; }

    /// <summary>Records dropped since start.</summary>
    long Dropped { get; }
}
