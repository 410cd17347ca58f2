using Gyre.Client.Rest;
using Gyre.Client.Tests.Support;
using Gyre.Tracking;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests.Rest;

/// <summary>The whole tracking store contract, through <see cref="RestTrackingStore"/> over HTTP to a live Gyre server on SQLite.</summary>
public sealed class RestTrackingStoreTests : TrackingStoreContract
{
    private LiveServer? server;

    protected override async Task<ITrackingStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        server = await LiveServer.StartAsync(timeProvider, cancellationToken);
        return new RestTrackingStore(server.Address);
    }

    protected override async ValueTask DisposeStoreAsync(ITrackingStore store)
    {
        ((RestTrackingStore)store).Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
