using Gyre.Core;
using Gyre.Monitoring.Reports;
using Gyre.Pipelines.Monitoring;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Telemetry;

namespace Gyre.Serving.Hosting;

/// <summary>
/// Runs monitoring inside the model server: on a timer, one <see cref="MonitorJob"/> per endpoint (its primary
/// model's training profile against the last window of its inference log), published to
/// <see cref="MonitoringGauges"/> and handed to <c>onReport</c> (alert rules). A failing evaluation is reported on
/// the log and retried at the next tick; it never stops serving. A live handle: dispose to stop the timer.
/// With <see cref="ServedVersion"/>, an evaluation reads only the records scored by the version the endpoint serves
/// now, so after a hot swap the new version is judged on its own traffic, not on its predecessor's.
/// </summary>
public sealed class ServingMonitor : IAsyncDisposable
{
    private readonly IReadOnlyList<EndpointSpec> _endpoints;
    private readonly MonitorJob _job;
    private readonly MonitoringGauges _gauges;
    private readonly ServingMonitorOptions _options;
    private readonly Func<string, MonitoringReport, CancellationToken, Task>? _onReport;
    private readonly TextWriter _log;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <exception cref="GyreException">InvalidInput when the interval or window is not positive.</exception>
    public ServingMonitor(
        IReadOnlyList<EndpointSpec> endpoints,
        MonitorJob job,
        MonitoringGauges gauges,
        ServingMonitorOptions options,
        Func<string, MonitoringReport, CancellationToken, Task>? onReport = null,
        TextWriter? log = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Interval <= TimeSpan.Zero || options.Window <= TimeSpan.Zero)
        {
            throw GyreException.InvalidInput($"Monitoring interval and window must be positive; got {options.Interval} and {options.Window}.");
        }

        _endpoints = endpoints;
        _job = job ?? throw new ArgumentNullException(nameof(job));
        _gauges = gauges ?? throw new ArgumentNullException(nameof(gauges));
        _options = options;
        _onReport = onReport;
        _log = log ?? TextWriter.Null;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The primary version an endpoint serves now (null when unknown: every version's records count).</summary>
    public Func<string, int?>? ServedVersion { get; init; }

    /// <summary>Evaluates every endpoint once, now (also what each tick does); returns the reports that succeeded.</summary>
    public async Task<IReadOnlyList<(string Endpoint, MonitoringReport Report)>> EvaluateOnceAsync(CancellationToken cancellationToken)
    {
        var reports = new List<(string, MonitoringReport)>();
        foreach (var endpoint in _endpoints)
        {
            try
            {
                var request = new MonitorRequest
                {
                    Model = endpoint.Primary.ToString(),
                    Endpoint = endpoint.Name,
                    Window = _options.Window,
                    ModelVersion = ServedVersion?.Invoke(endpoint.Name),
                    Now = _time.GetUtcNow(),
                };
                var report = await _job.RunAsync(request, null, cancellationToken);
                _gauges.Publish(endpoint.Name, report, report.Current.ToTime is { } end ? end - 1 : null);
                if (_onReport is not null)
                {
                    await _onReport(endpoint.Name, report, cancellationToken);
                }

                reports.Add((endpoint.Name, report));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Whatever one evaluation hits (a store error, a bad package, a bug), serving goes on and the next tick retries.
                await _log.WriteLineAsync($"gyre serve: monitoring of endpoint '{endpoint.Name}' failed: {error.Message}");
            }
        }

        return reports;
    }

    /// <summary>Starts the timer (first evaluation after one interval).</summary>
    public void Start() => _loop ??= RunAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await EvaluateOnceAsync(cancellationToken);
        }
    }
}
