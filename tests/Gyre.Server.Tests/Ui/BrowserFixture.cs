using System.Text.Json;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Ui;

/// <summary>
/// A real <see cref="TrackingServer"/> on 127.0.0.1 (free port) over a temporary SQLite workspace seeded by
/// <see cref="BrowserSeeder"/>, with its alert events file, for the browser tests of one class. <see cref="SeedFile"/>
/// holds the <see cref="BrowserSeed"/> as JSON for the scripts. Subclasses may turn auth on.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private static readonly JsonSerializerOptions SeedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly TempFolder folder = new();

    public TrackingServer Server { get; private set; } = null!;

    public BrowserSeed Seed { get; private set; } = null!;

    /// <summary>The seed as JSON (camelCase), read by the browser scripts.</summary>
    public string SeedFile => folder.Combine("seed.json");

    public string AlertEventsPath => folder.Combine("events", "alerts.jsonl");

    public virtual async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Server = await TrackingServer.StartAsync(Options(), ct);
        Seed = await CompleteSeedAsync(await BrowserSeeder.SeedAsync(Server, AlertEventsPath, folder.Combine("scratch"), ct), ct);
        await File.WriteAllTextAsync(SeedFile, JsonSerializer.Serialize(Seed, SeedJson), ct);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Adds what a subclass seeds besides the workspace (tokens).</summary>
    protected virtual Task<BrowserSeed> CompleteSeedAsync(BrowserSeed seed, CancellationToken cancellationToken) => Task.FromResult(seed);

    protected virtual TrackingServerOptions Options() => new()
    {
        BackendStoreUri = "sqlite:///" + folder.Combine("gyre.db"),
        ArtifactsDestination = folder.Combine("artifacts"),
        Port = 0,
        AlertEventsPath = AlertEventsPath,
    };
}
