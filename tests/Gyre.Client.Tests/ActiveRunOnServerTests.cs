using Gyre.Client.Tests.Support;

namespace Gyre.Client.Tests;

/// <summary>The run handle contract against a live Gyre server, through the REST store and the artifact proxy.</summary>
public sealed class ActiveRunOnServerTests : ActiveRunContract
{
    private LiveServer? server;

    protected override async Task<TrackingClient> CreateClientAsync(TrackingClientOptions options, CancellationToken cancellationToken)
    {
        server = await LiveServer.StartAsync(null, cancellationToken);
        return await TrackingClient.ConnectAsync(server.TrackingUri, options, cancellationToken);
    }

    protected override async ValueTask DisposeClientAsync(TrackingClient client)
    {
        await client.DisposeAsync();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
