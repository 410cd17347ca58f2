using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests;

/// <summary>The run handle contract on a local workspace (SQLite and a local artifact folder).</summary>
public sealed class ActiveRunOnSqliteTests : ActiveRunContract
{
    private readonly TemporaryFolder folder = new();

    protected override Task<TrackingClient> CreateClientAsync(TrackingClientOptions options, CancellationToken cancellationToken) =>
        TrackingClient.ConnectAsync(folder.Combine("workspace"), options, cancellationToken);

    protected override async ValueTask DisposeClientAsync(TrackingClient client)
    {
        await client.DisposeAsync();
        folder.Dispose();
    }
}
