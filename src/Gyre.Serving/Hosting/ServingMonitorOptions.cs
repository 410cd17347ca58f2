namespace Gyre.Serving.Hosting;

/// <summary>
/// In-server monitoring: every <paramref name="Interval"/>, each endpoint's inference log over the last
/// <paramref name="Window"/> is compared with its model's training profile, and the figures are published as
/// Prometheus gauges (see <see cref="Telemetry.MonitoringGauges"/>).
/// </summary>
public sealed record ServingMonitorOptions(TimeSpan Interval, TimeSpan Window);
