namespace Gyre.Monitoring.Alerts;

/// <summary>How urgent a rule's alert is; written in YAML and JSON as <c>info</c>, <c>warning</c>, <c>critical</c>.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
