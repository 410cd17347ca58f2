using Gyre.Client.Rest;
using Gyre.Client.Tests.Support;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Tests.Artifacts;

namespace Gyre.Client.Tests.Rest;

/// <summary>The artifact repository contract through a live server's artifact proxy.</summary>
public sealed class HttpArtifactRepositoryTests : ArtifactRepositoryContract
{
    private LiveServer? server;
    private RestTrackingStore? store;

    protected override async Task<IArtifactRepository> CreateRepositoryAsync(CancellationToken cancellationToken)
    {
        server = await LiveServer.StartAsync(null, cancellationToken);
        store = new RestTrackingStore(server.Address);
        return store.CreateArtifactRepository();
    }

    protected override async ValueTask DisposeRepositoryAsync(IArtifactRepository repository)
    {
        store?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
