using Gyre.Server;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests.Support;

/// <summary>
/// A Gyre tracking server running in-process on 127.0.0.1 (a free port) over a fresh SQLite database and
/// artifact folder in a temporary folder; disposing stops it and deletes the folder.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly TemporaryFolder folder;
    private readonly TrackingServer server;

    private LiveServer(TemporaryFolder folder, TrackingServer server)
    {
        this.folder = folder;
        this.server = server;
    }

    /// <summary>The server's base URL, ending in '/'.</summary>
    public Uri Address => server.Address;

    /// <summary>The server's own registry store (to check what requests stored, bypassing HTTP).</summary>
    public Gyre.Registry.IModelRegistryStore Registry => server.Registry;

    /// <summary>The local path of a file in the server's artifact store (parts relative to its root).</summary>
    public string ArtifactPath(params string[] parts) => folder.Combine(["artifacts", .. parts]);

    /// <summary>The tracking URI clients are given (no trailing '/'), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string TrackingUri => server.Address.AbsoluteUri.TrimEnd('/');

    public static async Task<LiveServer> StartAsync(TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var folder = new TemporaryFolder();
        try
        {
            var server = await TrackingServer.StartAsync(
                new TrackingServerOptions
                {
                    BackendStoreUri = "sqlite:///" + folder.Combine("tracking.db"),
                    ArtifactsDestination = folder.Combine("artifacts"),
                    Host = "127.0.0.1",
                    Port = 0,
                    TimeProvider = timeProvider ?? TimeProvider.System,
                },
                cancellationToken);
            return new LiveServer(folder, server);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }
}
