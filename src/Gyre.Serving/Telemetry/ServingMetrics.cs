using Gyre.Serving.Protocols;
using Prometheus;

namespace Gyre.Serving.Telemetry;

/// <summary>
/// The server's Prometheus metrics, in a registry of its own (so several servers in one process do not mix), with
/// .NET process metrics (CPU, memory) registered too. Names: <c>gyre_inference_requests_total</c>,
/// <c>gyre_inference_request_duration_seconds</c>, <c>gyre_inference_requests_in_flight</c>,
/// <c>gyre_model_load_duration_seconds</c>, <c>gyre_model_loaded</c>, <c>gyre_model_load_failures_total</c>,
/// <c>gyre_model_swaps_total</c>, <c>gyre_shadow_requests_total</c>, <c>gyre_inference_log_queue_depth</c>,
/// <c>gyre_inference_log_dropped_total</c>, and the monitoring gauges of <see cref="MonitoringGauges"/>. Thread-safe.
/// </summary>
public sealed class ServingMetrics
{
    /// <summary>Request latency buckets, seconds: 100 µs to 10 s (tabular models answer in microseconds).</summary>
    public static readonly double[] LatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

    public ServingMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("gyre_inference_requests_total", "Inference requests by endpoint, model version, protocol and HTTP status.",
            ["endpoint", "model", "version", "protocol", "status"]);
        Duration = factory.CreateHistogram("gyre_inference_request_duration_seconds", "Time from request start to response written, seconds.",
            ["endpoint", "model", "version", "protocol"], new HistogramConfiguration { Buckets = LatencyBuckets });
        InFlight = factory.CreateGauge("gyre_inference_requests_in_flight", "Inference requests being handled now.");
        LoadDuration = factory.CreateHistogram("gyre_model_load_duration_seconds", "Time to load, verify and warm a model version, seconds.",
            ["endpoint", "model", "version", "variant"], new HistogramConfiguration { Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        Loaded = factory.CreateGauge("gyre_model_loaded", "1 for each model version being served, by endpoint and variant (primary, canary, shadow).",
            ["endpoint", "model", "version", "variant"]);
        LoadFailures = factory.CreateCounter("gyre_model_load_failures_total", "Model versions that failed to load or verify (the previous version kept serving).",
            ["endpoint", "variant"]);
        Swaps = factory.CreateCounter("gyre_model_swaps_total", "Atomic swaps to a new model version after an alias moved.", ["endpoint", "variant"]);
        Shadow = factory.CreateCounter("gyre_shadow_requests_total", "Shadow scorings by outcome: scored, failed (bad input for the shadow or an error), dropped (queue full).",
            ["endpoint", "outcome"]);
        BatchSize = factory.CreateHistogram("gyre_inference_batch_size", "Rows per micro-batch (endpoints with batching on).", ["endpoint", "version"],
            new HistogramConfiguration { Buckets = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        LogQueueDepth = factory.CreateGauge("gyre_inference_log_queue_depth", "Inference log records waiting to be written.");
        LogDropped = factory.CreateGauge("gyre_inference_log_dropped_total", "Inference log records dropped because the queue was full (a running total).");
        Monitoring = new MonitoringGauges(Registry);
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Histogram Duration { get; }

    public Gauge InFlight { get; }

    public Histogram LoadDuration { get; }

    public Gauge Loaded { get; }

    public Counter LoadFailures { get; }

    public Counter Swaps { get; }

    public Counter Shadow { get; }

    public Histogram BatchSize { get; }

    public Gauge LogQueueDepth { get; }

    public Gauge LogDropped { get; }

    /// <summary>Drift, performance, fairness and staleness gauges of in-server monitoring (no series until an evaluation).</summary>
    public MonitoringGauges Monitoring { get; }

    /// <summary>The protocol's label value.</summary>
    public static string Label(ServingProtocol protocol) => protocol switch
    {
        ServingProtocol.Predict => "predict",
        ServingProtocol.OpenInference => "v2",
        _ => "invocations",
    };
}
