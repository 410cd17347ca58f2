using Gyre.Monitoring.InferenceLog;

namespace Gyre.Serving.InferenceLogging;

/// <summary>The inference log sink over an <see cref="InferenceLogWriter"/> (its bounded queue and background batches). Thread-safe; does not own the writer.</summary>
public sealed class WriterInferenceLogSink(InferenceLogWriter writer) : IInferenceLogSink
{
    public long QueueDepth => writer.QueueDepth;

    public long Dropped => writer.Dropped;

    public bool TryWrite(InferenceRecord record) => writer.TryEnqueue(record);
}
