using Gyre.Testing;
using Gyre.Tracking.Access;

namespace Gyre.Server.Tests.Support;

/// <summary>
/// A real <see cref="TrackingServer"/> on 127.0.0.1 at a free port over a temporary SQLite database and artifact
/// folder, shared by the tests of one class (each test creates its own experiments and runs).
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly TempFolder folder = new();

    public TrackingServer Server { get; private set; } = null!;

    /// <summary>The artifact destination folder.</summary>
    public string ArtifactsFolder => folder.Combine("artifacts");

    public string DatabasePath => folder.Combine("gyre.db");

    /// <summary>A client of the server (new per call: tests may set headers).</summary>
    public MlflowHttp Client(string? bearerToken = null) => new(Server.Address, bearerToken);

    public virtual async ValueTask InitializeAsync() => Server = await TrackingServer.StartAsync(Options(), TestContext.Current.CancellationToken);

    public virtual async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual TrackingServerOptions Options() => new()
    {
        BackendStoreUri = "sqlite:///" + DatabasePath,
        ArtifactsDestination = ArtifactsFolder,
        Port = 0,
    };
}

/// <summary>
/// A <see cref="ServerFixture"/> with <c>--auth</c> on and no token caching (revocations apply at once), and one
/// token of each role plus a revoked one.
/// </summary>
public sealed class AuthServerFixture : ServerFixture
{
    public string ReadToken { get; private set; } = "";

    public string WriteToken { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public string RevokedToken { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var tokens = Server.Tokens!;
        var ct = TestContext.Current.CancellationToken;
        ReadToken = (await tokens.CreateTokenAsync("reader", ApiTokenRole.Read, ct)).Secret;
        WriteToken = (await tokens.CreateTokenAsync("writer", ApiTokenRole.Write, ct)).Secret;
        AdminToken = (await tokens.CreateTokenAsync("admin", ApiTokenRole.Admin, ct)).Secret;
        var revoked = await tokens.CreateTokenAsync("revoked", ApiTokenRole.Admin, ct);
        await tokens.RevokeTokenAsync(revoked.Token.Id, ct);
        RevokedToken = revoked.Secret;
    }

    protected override TrackingServerOptions Options() => base.Options() with { Auth = true, TokenCacheDuration = TimeSpan.Zero };
}

/// <summary>A <see cref="ServerFixture"/> over a fresh PostgreSQL database (dropped on dispose) instead of SQLite.</summary>
public sealed class PostgresServerFixture : ServerFixture
{
    private PostgresServer? postgres;
    private string connection = "";

    public override async ValueTask InitializeAsync()
    {
        postgres = await PostgresServer.GetAsync();
        connection = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (postgres is not null)
        {
            await postgres.DropDatabaseAsync(connection, CancellationToken.None);
        }
    }

    protected override TrackingServerOptions Options() => base.Options() with { BackendStoreUri = Api.ConcurrencyTests.PostgresUri(connection) };
}
