namespace Gyre.Monitoring.Reports;

/// <summary>
/// Where monitoring evaluations are kept in tracking, shared by the writer (Gyre.Pipelines' MonitoringHistory) and the
/// readers (the web UI's monitoring route): experiment <see cref="Experiment"/>, one run per endpoint tagged with
/// <see cref="EndpointTag"/> and <see cref="ModelTag"/>.
/// </summary>
public static class MonitoringHistoryNames
{
    public const string Experiment = "monitoring";
    public const string EndpointTag = "gyre.monitoring.endpoint";
    public const string ModelTag = "gyre.monitoring.model";
}
