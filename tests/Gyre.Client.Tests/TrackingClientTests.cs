using Gyre.Core;
using Gyre.Stores.Sqlite;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests;

public sealed class TrackingClientTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FromVariablesAsync_NoTrackingUri_OpensTheWorkspaceInGyreHome()
    {
        var home = folder.Combine("home");

        await using var client = await TrackingClient.FromVariablesAsync(Variables((TrackingClient.HomeVariable, home)), cancellationToken: Ct);
        await using (var run = await client.StartRunAsync("local", cancellationToken: Ct))
        {
            run.LogMetric("m", 1);
        }

        var store = Assert.IsType<SqliteTrackingStore>(client.Store);
        Assert.Equal(Path.Combine(home, "gyre.db"), store.DatabasePath);
        Assert.Equal(Path.Combine(home, "artifacts"), Assert.IsType<LocalArtifactStore>(client.Artifacts).RootFolder);
        Assert.Equal(ArtifactUris.NormalizeRoot(Path.Combine(home, "artifacts")), store.ArtifactRoot);
    }

    [Fact]
    public async Task FromVariablesAsync_NothingSet_OpensDotGyreInTheWorkingDirectory()
    {
        await using var client = await TrackingClient.FromVariablesAsync(Variables(), new TrackingClientOptions { WorkingDirectory = folder.Path }, Ct);

        Assert.Equal(folder.Combine(".gyre", "gyre.db"), Assert.IsType<SqliteTrackingStore>(client.Store).DatabasePath);
    }

    [Fact]
    public async Task ConnectAsync_RelativeSqliteUri_ResolvesAgainstTheWorkingDirectoryWithArtifactsNextToIt()
    {
        await using var client = await TrackingClient.ConnectAsync("sqlite:///db/track.db", new TrackingClientOptions { WorkingDirectory = folder.Path }, Ct);

        var store = Assert.IsType<SqliteTrackingStore>(client.Store);
        Assert.Equal(folder.Combine("db", "track.db"), store.DatabasePath);
        Assert.Equal(folder.Combine("db", "artifacts"), Assert.IsType<LocalArtifactStore>(client.Artifacts).RootFolder);
        Assert.Equal(ArtifactUris.NormalizeRoot(folder.Combine("db", "artifacts")), store.ArtifactRoot);
    }

    [Fact]
    public async Task ConnectAsync_AbsoluteSqliteUri_UsesThatPath()
    {
        var database = folder.Combine("abs", "track.db");

        await using var client = await TrackingClient.ConnectAsync("sqlite:///" + database, cancellationToken: Ct);

        Assert.Equal(database, Assert.IsType<SqliteTrackingStore>(client.Store).DatabasePath);
    }

    [Theory]
    [InlineData("ftp://host/x")]
    [InlineData("postgresql://u@h/db")]
    [InlineData("sqlite://relative.db")]
    [InlineData("sqlite:///")]
    public async Task ConnectAsync_UnsupportedUri_ThrowsInvalidInputNamingIt(string uri)
    {
        var error = await Assert.ThrowsAsync<GyreException>(() => TrackingClient.ConnectAsync(uri, cancellationToken: Ct));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"'{uri}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_UnreachableServer_StartRunThrowsInternalNamingTheServer()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new TrackingClientOptions { Connection = new() { MaxRetries = 1, InitialRetryDelay = TimeSpan.FromMilliseconds(1) } };
        await using var client = await TrackingClient.ConnectAsync($"http://127.0.0.1:{port}", options, Ct);

        var error = await Assert.ThrowsAsync<GyreException>(() => client.StartRunAsync("x", cancellationToken: Ct));

        Assert.Equal(ErrorKind.Internal, error.Kind);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
