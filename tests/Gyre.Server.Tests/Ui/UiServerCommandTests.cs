using Gyre.Cli;
using Gyre.Monitoring.Alerts;
using Gyre.Server.Api;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Ui;

/// <summary><c>gyre server</c> serves the embedded UI and reads alerts from the workspace's <c>events/alerts.jsonl</c>.</summary>
public sealed class UiServerCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task Server_ServesTheUi_AndTheWorkspacesAlerts()
    {
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await new JsonlAlertEventSink(folder.Combine("home", "events", "alerts.jsonl")).AppendAsync(
            new AlertEvent("a1", "drift", "dataset_drift_share", AlertSeverity.Critical, AlertEventState.Firing,
                new Dictionary<string, string> { ["endpoint"] = "churn" }, 0.6, ">", 0.5, at, at, "churn@champion"),
            ct);
        using var output = new SignallingWriter("listening on http://");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = new CliRunner(folder.Path, folder.Combine("home")).RunAsync(output, stop.Token, "server", "--port", "0");

        var line = await output.Line.WaitAsync(TimeSpan.FromMinutes(1), ct);
        var url = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Trim();
        using (var client = new MlflowHttp(new Uri(url)))
        {
            var page = await client.SendAsync(HttpMethod.Get, "/ui/");
            var alerts = await client.GetAsync("alerts", UiApi.Prefix);

            page.AssertOk();
            Assert.Equal("text/html", page.ContentType);
            alerts.AssertOk();
            Assert.Equal(["drift"], alerts.Json["alerts"]!.AsArray().Select(a => a!["rule"]!.GetValue<string>()));
        }

        await stop.CancelAsync();
        (await running).AssertExit(ExitCodes.Success);
    }

    public void Dispose() => folder.Dispose();
}
