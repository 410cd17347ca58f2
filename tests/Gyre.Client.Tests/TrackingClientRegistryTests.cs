using Gyre.Client.Tests.Support;
using Gyre.Registry;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests;

/// <summary><see cref="TrackingClient.Registry"/>: the registry of whatever store the tracking URI names.</summary>
public sealed class TrackingClientRegistryTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ConnectAsync_ServerUri_RegistryIsTheServersRegistry()
    {
        await using var server = await LiveServer.StartAsync(null, Ct);
        await using var client = await TrackingClient.ConnectAsync(server.TrackingUri, cancellationToken: Ct);

        await client.Registry!.CreateRegisteredModelAsync("fraud", "via the client", null, new RegistryActor("erin"), Ct);

        Assert.Equal("via the client", (await server.Registry.GetRegisteredModelAsync("fraud", Ct)).Description);
        Assert.Equal("erin", Assert.Single(await server.Registry.GetAuditLogAsync("fraud", Ct)).User);
    }

    [Fact]
    public async Task ConnectAsync_SqliteUri_RegistryIsTheDatabasesAndSurvivesReopening()
    {
        var uri = "sqlite:///" + folder.Combine("tracking.db");
        await using (var client = await TrackingClient.ConnectAsync(uri, cancellationToken: Ct))
        {
            await client.Registry!.CreateRegisteredModelAsync("churn", null, null, new RegistryActor("erin"), Ct);
        }

        await using var reopened = await TrackingClient.ConnectAsync(uri, cancellationToken: Ct);
        Assert.Equal("churn", (await reopened.Registry!.GetRegisteredModelAsync("churn", Ct)).Name);
    }
}
