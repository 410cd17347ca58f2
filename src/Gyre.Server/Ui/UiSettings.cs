namespace Gyre.Server.Ui;

/// <summary>What the web UI's data routes need beyond <c>TrackingServices</c>: the alert events file (null = none). One per server.</summary>
internal sealed record UiSettings(string? AlertEventsPath);
