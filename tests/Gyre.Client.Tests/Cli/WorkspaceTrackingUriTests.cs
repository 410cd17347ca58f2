using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli;
using Gyre.Client.Tests.Support;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests.Cli;

/// <summary>The CLI with <c>GYRE_TRACKING_URI</c> set reads and writes the stores the URI names, not its local workspace.</summary>
public sealed class WorkspaceTrackingUriTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunsList_TrackingUriOfAServer_ListsTheRunLoggedThroughTheServer()
    {
        await using var server = await LiveServer.StartAsync(null, Ct);
        string runId;
        await using (var client = await TrackingClient.ConnectAsync(server.TrackingUri, cancellationToken: Ct))
        await using (var run = await client.StartRunAsync("remote-experiment", "remote-run", cancellationToken: Ct))
        {
            runId = run.Id.Value;
            run.LogMetric("roc_auc", 0.93);
            run.LogParam("trainer", "lightgbm");
        }

        var (exitCode, output, error) = await RunCliAsync(server.TrackingUri, "runs", "list", "--json");

        Assert.True(exitCode == 0, error);
        var listed = Assert.Single(JsonNode.Parse(output)!["runs"]!.AsArray());
        Assert.Equal(runId, (string?)listed!["run_id"]);
        Assert.Equal("remote-run", (string?)listed["run_name"]);
        Assert.Equal("FINISHED", (string?)listed["status"]);
        Assert.Equal(0.93, (double?)listed["metrics"]!["roc_auc"]);
        Assert.Equal("lightgbm", (string?)listed["params"]!["trainer"]);
        Assert.False(File.Exists(folder.Combine("home", "gyre.db")), "The local workspace database must not be used.");
    }

    [Fact]
    public async Task ExperimentsList_SqliteTrackingUri_UsesThatDatabase()
    {
        var database = folder.Combine("elsewhere", "tracking.db");
        await using (var client = await TrackingClient.ConnectAsync("sqlite:///" + database, cancellationToken: Ct))
        await using (var run = await client.StartRunAsync("in-sqlite", cancellationToken: Ct))
        {
            run.LogMetric("loss", 1);
        }

        var (exitCode, output, error) = await RunCliAsync("sqlite:///" + database, "experiments", "list", "--json");

        Assert.True(exitCode == 0, error);
        Assert.Contains("in-sqlite", output, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("home", "gyre.db")));
    }

    public void Dispose() => folder.Dispose();

    private async Task<(int ExitCode, string Out, string Error)> RunCliAsync(string trackingUri, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Workspace.HomeVariable] = folder.Combine("home"),
            [TrackingClient.TrackingUriVariable] = trackingUri,
        };
        var environment = new CliEnvironment(output, error, folder.Path, variables, Interactive: false);
        var exitCode = await GyreCli.RunAsync(args, environment, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
