namespace Gyre.Monitoring.Alerts;

/// <summary>Events read back from an <see cref="IAlertEventSink"/>, plus the lines that could not be read.</summary>
public sealed record AlertEventLog(IReadOnlyList<AlertEvent> Events, IReadOnlyList<SkippedAlertLine> Skipped);

/// <summary>A line of an event log that was skipped: <paramref name="Line"/> is 1-based; <paramref name="Torn"/> is true for a
/// last line without its newline (a write cut short by a crash).</summary>
public sealed record SkippedAlertLine(int Line, bool Torn, string Reason);
