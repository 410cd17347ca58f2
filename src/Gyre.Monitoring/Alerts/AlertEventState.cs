namespace Gyre.Monitoring.Alerts;

/// <summary>The state an <see cref="AlertEvent"/> announces; written as <c>firing</c> / <c>resolved</c>.</summary>
public enum AlertEventState
{
    Firing,
    Resolved,
}
