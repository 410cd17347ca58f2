using System.Diagnostics;
using System.Threading.Channels;
using Gyre.Serving.InferenceLogging;
using Gyre.Serving.Protocols;
using Gyre.Serving.Telemetry;
using Gyre.Training.Scoring;

namespace Gyre.Serving.Traffic;

/// <summary>
/// Scores copies of requests with endpoints' shadow models, off the request path: <see cref="TryEnqueue"/> never
/// blocks (a full queue drops the copy, counted as <c>dropped</c>), one background worker parses, checks and scores
/// each copy and logs the result with variant <c>shadow</c>. A copy the shadow cannot read or score is counted as
/// <c>failed</c>; nothing here can affect a response. Thread-safe.
/// </summary>
public sealed class ShadowScorer : IAsyncDisposable
{
    private readonly Channel<ShadowWork> _queue;
    private readonly ServingMetrics _metrics;
    private readonly IInferenceLogSink? _log;
    private readonly TextWriter _errors;
    private readonly Task _worker;
    private int _reportedFailures;

    public ShadowScorer(int capacity, ServingMetrics metrics, IInferenceLogSink? log, TextWriter errors)
    {
        _queue = Channel.CreateBounded<ShadowWork>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _metrics = metrics;
        _log = log;
        _errors = errors;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="work"/> (taking ownership of its body); false when the queue is full.</summary>
    public bool TryEnqueue(ShadowWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_queue.Writer.TryWrite(work))
        {
            return true;
        }

        work.Body.Dispose();
        _metrics.Shadow.WithLabels(work.Endpoint.Name, "dropped").Inc();
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker;
    }

    private async Task RunAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync())
        {
            try
            {
                Score(work);
                _metrics.Shadow.WithLabels(work.Endpoint.Name, "scored").Inc();
            }
#pragma warning disable CA1031 // A shadow's failure of any kind must never escape: it is counted and the worker goes on.
            catch (Exception error)
#pragma warning restore CA1031
            {
                _metrics.Shadow.WithLabels(work.Endpoint.Name, "failed").Inc();
                if (Interlocked.Increment(ref _reportedFailures) <= 5)
                {
                    await _errors.WriteLineAsync($"gyre serve: shadow {work.Shadow.Reference} of endpoint '{work.Endpoint.Name}' failed on request {work.RequestId}: {error.Message}");
                }
            }
            finally
            {
                work.Body.Dispose();
            }
        }
    }

    private void Score(ShadowWork work)
    {
        var model = work.Shadow;
        using var rows = new RowSet(model);
        switch (work.Protocol)
        {
            case ServingProtocol.Predict:
                PredictRequestReader.Read(work.Body.Span, rows);
                break;
            case ServingProtocol.OpenInference:
                OipRequestReader.Read(work.Body.Span, rows, out _);
                break;
            default:
                InvocationsRequestReader.Read(work.Body.Span, rows);
                break;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (model.Scorer.Check(rows[i], work.Endpoint.Spec.UnknownCategories) is { } violation)
            {
                throw new BadRequestException(violation.Message);
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var prediction = model.Scorer.Score(rows[i]);
            var latency = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (_log is not null && work.Endpoint.LogSampler.ShouldLog(work.RequestId))
            {
                _log.TryWrite(InferenceRecords.Create(model, work.RequestId, i, rows.Count, work.Time, rows[i], prediction, latency));
            }
        }
    }
}
