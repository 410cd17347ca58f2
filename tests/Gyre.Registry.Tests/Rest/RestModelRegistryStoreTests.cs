using Gyre.Client.Rest;
using Gyre.Server;
using Gyre.Testing;

namespace Gyre.Registry.Tests.Rest;

/// <summary>
/// The registry contract through <see cref="RestModelRegistryStore"/> over HTTP to a live <c>gyre server</c> (in-process on
/// 127.0.0.1, a free port, on SQLite): MLflow's registry routes plus Gyre's extensions must keep every promise the
/// SQL stores keep, errors and audit actors included (sent as X-Gyre-User / X-Gyre-Reason, the server running without --auth).
/// </summary>
public sealed class RestModelRegistryStoreTests : RegistryStoreContract
{
    private readonly TemporaryFolder folder = new();
    private TrackingServer? server;

    protected override async Task<IModelRegistryStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        server = await TrackingServer.StartAsync(
            new TrackingServerOptions
            {
                BackendStoreUri = "sqlite:///" + folder.Combine("tracking.db"),
                ArtifactsDestination = folder.Combine("artifacts"),
                Host = "127.0.0.1",
                Port = 0,
                TimeProvider = timeProvider,
            },
            cancellationToken);
        return new RestModelRegistryStore(server.Address);
    }

    protected override async ValueTask DisposeStoreAsync(IModelRegistryStore store)
    {
        ((RestModelRegistryStore)store).Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        folder.Dispose();
    }
}
