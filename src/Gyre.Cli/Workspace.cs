using Gyre.Client;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Server;
using Gyre.Stores.Sqlite;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Cli;

/// <summary>
/// The embedded default workspace: a SQLite tracking database and a local artifact folder under one
/// home folder, <c>./.gyre</c> or the folder named by <c>GYRE_HOME</c>; or, when <c>GYRE_TRACKING_URI</c>
/// is set, the stores it names (a tracking server, a SQLite database, a workspace folder; see
/// <see cref="TrackingClient.ConnectAsync"/>; or a PostgreSQL database, <c>postgresql://user:password@host:port/db</c>,
/// with artifacts under the home folder), with the home folder still holding local files. The
/// composition root: the only place in the CLI that names concrete stores.
/// </summary>
public sealed class Workspace
{
    public const string HomeVariable = "GYRE_HOME";

    private readonly IModelRegistryStore? _registry;

    private Workspace(string home, ITrackingStore tracking, IArtifactStore artifacts, IModelRegistryStore? registry)
    {
        Home = home;
        Tracking = tracking;
        Artifacts = artifacts;
        _registry = registry;
    }

    public string Home { get; }

    /// <summary>Where packages downloaded from a remote artifact store are cached: <c>&lt;Home&gt;/cache/packages</c> (see <c>PackageLocations</c>).</summary>
    public string PackageCache => Path.Combine(Home, "cache", "packages");

    /// <summary>The run slots that cap each pipeline's concurrent runs (<c>PipelineSlot</c>): <c>&lt;Home&gt;/pipelines/slots</c>.</summary>
    public string PipelineSlots => Path.Combine(Home, "pipelines", "slots");

    /// <summary>The scheduler's trigger state and event claims (<c>TriggerLedger</c>): <c>&lt;Home&gt;/scheduler</c>.</summary>
    public string SchedulerState => Path.Combine(Home, "scheduler");

    /// <summary>The alert events file monitoring appends to and alert triggers read: <c>&lt;Home&gt;/events/alerts.jsonl</c>.</summary>
    public string AlertEvents => Path.Combine(Home, "events", "alerts.jsonl");

    public ITrackingStore Tracking { get; }

    public IArtifactStore Artifacts { get; }

    /// <summary>
    /// The model registry: the local database's, or the tracking server's named by <c>GYRE_TRACKING_URI</c> (whose
    /// packages live in the server's artifact store). InvalidState when the tracking store has none.
    /// </summary>
    public IModelRegistryStore Registry => _registry
        ?? throw GyreException.InvalidState("The tracking store named by GYRE_TRACKING_URI has no model registry; point it at a Gyre server or a Gyre database.");

    public static string ResolveHome(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.ResolvePath(environment.Variable(HomeVariable) ?? ".gyre");
    }

    /// <summary>Opens (creating on first use) the workspace's stores.</summary>
    public static async Task<Workspace> OpenAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        var home = ResolveHome(environment);
        Directory.CreateDirectory(home);
        var artifactRoot = Path.Combine(home, "artifacts");
        if (environment.Variable(TrackingClient.TrackingUriVariable) is { } postgresUri && IsPostgresUri(postgresUri))
        {
            // Open for the process's lifetime; several processes (e.g. `gyre tune` workers) may share the database.
            var backend = await BackendStore.OpenAsync(postgresUri, artifactRoot, TimeProvider.System, cancellationToken);
            return new Workspace(home, backend.Tracking, new LocalArtifactStore(artifactRoot), backend.Registry);
        }

        if (environment.Variable(TrackingClient.TrackingUriVariable) is { } trackingUri)
        {
            // Open for the process's lifetime, like the local store below.
            var options = new TrackingClientOptions
            {
                WorkingDirectory = environment.WorkingDirectory,
                Connection = new() { Credentials = TrackingCredentials.FromEnvironment(environment.Variable) },
            };
            var client = await TrackingClient.ConnectAsync(trackingUri, options, cancellationToken);

            // A SQL database named by the URI holds its registry; a Gyre server serves its own over REST.
            return new Workspace(home, client.Store, client.Artifacts, client.Registry);
        }

        var tracking = await SqliteTrackingStore.OpenAsync(Path.Combine(home, "gyre.db"), artifactRoot, TimeProvider.System, cancellationToken);

        // The SQLite store holds the registry in the tracking database.
        return new Workspace(home, tracking, new LocalArtifactStore(artifactRoot), tracking);
    }

    private static bool IsPostgresUri(string uri) =>
        uri.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("postgresql+", StringComparison.OrdinalIgnoreCase)
        || uri.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase);
}
