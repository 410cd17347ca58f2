using System.Globalization;
using Gyre.Serving.Protocols;
using Prometheus;

namespace Gyre.Serving.Telemetry;

/// <summary>
/// The labelled metric children of one served model version on one endpoint, created on first use and cached, so a
/// request costs two array reads and two lock-free updates. Thread-safe (a race creates the same child twice, which
/// prometheus-net resolves to one).
/// </summary>
public sealed class ModelRequestMetrics
{
    private static readonly int[] Statuses = [200, 400, 404, 413, 500, 503];
    private static readonly int ProtocolCount = Enum.GetValues<ServingProtocol>().Length;

    private readonly ServingMetrics _metrics;
    private readonly string _endpoint;
    private readonly string _model;
    private readonly string _version;
    private readonly Counter.Child?[] _requests;
    private readonly Histogram.Child?[] _durations;

    public ModelRequestMetrics(ServingMetrics metrics, string endpoint, string model, string version)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _endpoint = endpoint;
        _model = model;
        _version = version;
        _requests = new Counter.Child?[ProtocolCount * Statuses.Length];
        _durations = new Histogram.Child?[ProtocolCount];
    }

    /// <summary>Counts one request answered with <paramref name="status"/> and records its duration in seconds.</summary>
    public void Record(ServingProtocol protocol, int status, double seconds)
    {
        var statusIndex = Array.IndexOf(Statuses, status);
        if (statusIndex < 0)
        {
            _metrics.Requests.WithLabels(_endpoint, _model, _version, ServingMetrics.Label(protocol), status.ToString(CultureInfo.InvariantCulture)).Inc();
        }
        else
        {
            var slot = ((int)protocol * Statuses.Length) + statusIndex;
            (_requests[slot] ??= _metrics.Requests.WithLabels(_endpoint, _model, _version, ServingMetrics.Label(protocol), status.ToString(CultureInfo.InvariantCulture))).Inc();
        }

        (_durations[(int)protocol] ??= _metrics.Duration.WithLabels(_endpoint, _model, _version, ServingMetrics.Label(protocol))).Observe(seconds);
    }
}
