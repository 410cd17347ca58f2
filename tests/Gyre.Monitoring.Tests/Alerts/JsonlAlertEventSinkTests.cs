using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.Alerts;

public sealed class JsonlAlertEventSinkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static AlertEvent Event(int index, DateTimeOffset at) => new(
        $"id-{index}", "rule", MonitoringMetrics.Rows, AlertSeverity.Warning, AlertEventState.Firing,
        new Dictionary<string, string> { ["index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        index, "<", 100, T0, at, "fraud");

    [Fact]
    public async Task AppendAsync_ManyConcurrentAppendersOnTwoInstances_AllEventsReadable()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("events", "alerts.jsonl");
        var first = new JsonlAlertEventSink(path);
        var second = new JsonlAlertEventSink(path);
        var token = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(index =>
            Task.Run(() => (index % 2 == 0 ? first : second).AppendAsync(Event(index, T0.AddSeconds(index)), token), token)));

        var log = await first.ReadAsync(null, token);
        Assert.Empty(log.Skipped);
        Assert.Equal(200, log.Events.Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(index => $"id-{index}").Order(StringComparer.Ordinal), log.Events.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(200, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task ReadAsync_RoundTrip_KeepsEveryField()
    {
        using var folder = new TemporaryFolder();
        var sink = new JsonlAlertEventSink(folder.Combine("alerts.jsonl"));
        var written = Event(7, T0.AddMinutes(1)) with { Description = "few rows" };

        await sink.AppendAsync(written, TestContext.Current.CancellationToken);
        var read = Assert.Single((await sink.ReadAsync(null, TestContext.Current.CancellationToken)).Events);

        Assert.Equal(written.Id, read.Id);
        Assert.Equal(written.State, read.State);
        Assert.Equal(written.Labels, read.Labels);
        Assert.Equal(written.StartedAt, read.StartedAt);
        Assert.Equal(written.At, read.At);
        Assert.Equal(written.Model, read.Model);
        Assert.Equal(written.Description, read.Description);
        Assert.Contains("\"started_at\"", await File.ReadAllTextAsync(sink.Path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Since_ReturnsOnlyLaterEvents()
    {
        using var folder = new TemporaryFolder();
        var sink = new JsonlAlertEventSink(folder.Combine("alerts.jsonl"));
        for (var index = 0; index < 5; index++)
        {
            await sink.AppendAsync(Event(index, T0.AddMinutes(index)), TestContext.Current.CancellationToken);
        }

        var log = await sink.ReadAsync(T0.AddMinutes(3), TestContext.Current.CancellationToken);

        Assert.Equal(["id-3", "id-4"], log.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task ReadAsync_TornLastLine_SkippedAndReported_ThenNextAppendIntact()
    {
        using var folder = new TemporaryFolder();
        var sink = new JsonlAlertEventSink(folder.Combine("alerts.jsonl"));
        var token = TestContext.Current.CancellationToken;
        await sink.AppendAsync(Event(1, T0), token);
        await File.AppendAllTextAsync(sink.Path, "{\"id\":\"id-2\",\"rule\":\"ru", token);

        var torn = await sink.ReadAsync(null, token);
        await sink.AppendAsync(Event(3, T0), token);
        var repaired = await sink.ReadAsync(null, token);

        Assert.Equal(["id-1"], torn.Events.Select(e => e.Id));
        var skipped = Assert.Single(torn.Skipped);
        Assert.Equal(2, skipped.Line);
        Assert.True(skipped.Torn);
        Assert.Equal(["id-1", "id-3"], repaired.Events.Select(e => e.Id));
        var old = Assert.Single(repaired.Skipped);
        Assert.Equal(2, old.Line);
        Assert.False(old.Torn);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_Empty()
    {
        using var folder = new TemporaryFolder();

        var log = await new JsonlAlertEventSink(folder.Combine("none.jsonl")).ReadAsync(null, TestContext.Current.CancellationToken);

        Assert.Empty(log.Events);
        Assert.Empty(log.Skipped);
    }

    [Fact]
    public async Task AppendAsync_FileHeldExclusivelyElsewhere_RetriesThenThrowsInvalidState()
    {
        using var folder = new TemporaryFolder();
        var sink = new JsonlAlertEventSink(folder.Combine("alerts.jsonl")) { LockTimeout = TimeSpan.FromMilliseconds(200) };
        await sink.AppendAsync(Event(1, T0), TestContext.Current.CancellationToken);

        GyreException error;
        using (new FileStream(sink.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            error = await Assert.ThrowsAsync<GyreException>(() => sink.AppendAsync(Event(2, T0), TestContext.Current.CancellationToken));
        }

        await sink.AppendAsync(Event(3, T0), TestContext.Current.CancellationToken);
        Assert.Equal(ErrorKind.InvalidState, error.Kind);
        Assert.Contains(sink.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(["id-1", "id-3"], (await sink.ReadAsync(null, TestContext.Current.CancellationToken)).Events.Select(e => e.Id));
    }
}
