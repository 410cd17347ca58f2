using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Ui;

/// <summary>A <see cref="ServerFixture"/> (SQLite) whose alert events file is <see cref="AlertEventsPath"/> (absent until a test writes it).</summary>
public sealed class UiServerFixture : ServerFixture
{
    public string AlertEventsPath => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "events", "alerts.jsonl");

    protected override TrackingServerOptions Options() => base.Options() with { AlertEventsPath = AlertEventsPath };
}
