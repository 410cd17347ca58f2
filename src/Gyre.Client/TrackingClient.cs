using Gyre.Client.Rest;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Stores.Sqlite;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Client;

/// <summary>
/// The entry point for training code: a tracking store and an artifact store, local or remote, and
/// <see cref="StartRunAsync"/> to start runs on them. Tracking URIs (<see cref="ConnectAsync"/>):
/// <list type="bullet">
/// <item><c>http://host:port</c>, <c>https://...</c>: a Gyre or MLflow tracking server (MLflow REST API 2.0,
/// artifacts through its <c>mlflow-artifacts</c> proxy, the model registry through <see cref="RestModelRegistryStore"/>).</item>
/// <item><c>sqlite:///path/to/gyre.db</c> (relative; <c>sqlite:////abs/gyre.db</c> absolute, as SQLAlchemy):
/// that SQLite database, with artifacts in the <c>artifacts</c> folder next to it.</item>
/// <item>a folder path or <c>file:///folder</c>: a Gyre workspace (<c>gyre.db</c> and <c>artifacts/</c> in the folder).</item>
/// </list>
/// Thread-safe. Disposing closes the stores the client opened itself (not those passed to the constructor).
/// </summary>
public sealed class TrackingClient : IAsyncDisposable
{
    /// <summary>The variable naming the tracking URI, like MLflow's <c>MLFLOW_TRACKING_URI</c>.</summary>
    public const string TrackingUriVariable = "GYRE_TRACKING_URI";

    /// <summary>The variable naming the local workspace folder used when no tracking URI is set (default <c>./.gyre</c>).</summary>
    public const string HomeVariable = "GYRE_HOME";

    /// <summary>The workspace folder used when neither variable is set, relative to the working directory.</summary>
    public const string DefaultHome = ".gyre";

    private readonly TrackingClientOptions options;
    private readonly IReadOnlyList<IDisposable> ownedStores;

    /// <summary>
    /// A client over stores the caller owns (and disposes after the client); <see cref="Registry"/> is
    /// <paramref name="store"/> when it is also a registry store.
    /// </summary>
    public TrackingClient(ITrackingStore store, IArtifactStore artifacts, TrackingClientOptions? options = null)
        : this(store, artifacts, store as IModelRegistryStore, options ?? new TrackingClientOptions(), [])
    {
    }

    private TrackingClient(ITrackingStore store, IArtifactStore artifacts, IModelRegistryStore? registry, TrackingClientOptions options, IReadOnlyList<IDisposable> ownedStores)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artifacts);
        options.Validate();
        Store = store;
        Artifacts = artifacts;
        Registry = registry;
        this.options = options;
        this.ownedStores = ownedStores;
    }

    /// <summary>The tracking store: experiments, runs, search, metric history.</summary>
    public ITrackingStore Store { get; }

    /// <summary>The artifact store of the runs.</summary>
    public IArtifactStore Artifacts { get; }

    /// <summary>
    /// The model registry: a local database's own, or a Gyre server's through its REST API (MLflow's registry routes
    /// plus Gyre's <c>/api/2.0/gyre/registry/</c> extensions; a plain MLflow server answers those with 404). Null when
    /// the client was built over a tracking store that holds no registry.
    /// </summary>
    public IModelRegistryStore? Registry { get; }

    /// <summary>
    /// Connects as the environment says: <c>GYRE_TRACKING_URI</c> when set (see the class remarks), else the
    /// local workspace in <c>GYRE_HOME</c> or <c>./.gyre</c>. For servers, credentials not given in
    /// <paramref name="options"/> come from <c>GYRE_TRACKING_TOKEN</c>, <c>MLFLOW_TRACKING_TOKEN</c> or
    /// <c>MLFLOW_TRACKING_USERNAME</c>/<c>MLFLOW_TRACKING_PASSWORD</c>.
    /// </summary>
    public static Task<TrackingClient> FromEnvironmentAsync(TrackingClientOptions? options = null, CancellationToken cancellationToken = default) =>
        FromVariablesAsync(Environment.GetEnvironmentVariable, options, cancellationToken);

    /// <summary>As <see cref="FromEnvironmentAsync"/>, reading variables through <paramref name="variable"/> (null or "" = unset).</summary>
    public static Task<TrackingClient> FromVariablesAsync(Func<string, string?> variable, TrackingClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variable);
        options ??= new TrackingClientOptions();
        if (options.Connection.Credentials is null && TrackingCredentials.FromEnvironment(variable) is { } credentials)
        {
            options = options with { Connection = options.Connection with { Credentials = credentials } };
        }

        var uri = variable(TrackingUriVariable);
        if (string.IsNullOrEmpty(uri))
        {
            var home = variable(HomeVariable);
            uri = string.IsNullOrEmpty(home) ? DefaultHome : home;
        }

        return ConnectAsync(uri, options, cancellationToken);
    }

    /// <summary>
    /// Opens the stores a tracking URI names (see the class remarks); a local database or workspace is
    /// created on first use. InvalidInput for a URI of another scheme.
    /// </summary>
    public static async Task<TrackingClient> ConnectAsync(string trackingUri, TrackingClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingUri);
        options ??= new TrackingClientOptions();
        options.Validate();
        var workingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory;
        if (trackingUri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trackingUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(trackingUri, UriKind.Absolute, out var serverUri))
            {
                throw GyreException.InvalidInput($"Invalid tracking URI '{trackingUri}': it is not a valid http(s) URL.");
            }

            var remote = new RestTrackingStore(serverUri, options.Connection);
            var registry = new RestModelRegistryStore(serverUri, options.Connection);
            return new TrackingClient(remote, new ArtifactStore(remote.CreateArtifactRepository()), registry, options, [registry, remote]);
        }

        if (trackingUri.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            const string prefix = "sqlite:///";
            if (!trackingUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || trackingUri.Length == prefix.Length)
            {
                throw GyreException.InvalidInput($"Invalid tracking URI '{trackingUri}': a SQLite URI is sqlite:///relative/path.db or sqlite:////absolute/path.db.");
            }

            var databasePath = Path.GetFullPath(trackingUri[prefix.Length..], workingDirectory);
            var artifactRoot = Path.Combine(Path.GetDirectoryName(databasePath)!, "artifacts");
            return await OpenLocalAsync(databasePath, artifactRoot, options, cancellationToken).ConfigureAwait(false);
        }

        string folder;
        if (trackingUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            folder = Uri.TryCreate(trackingUri, UriKind.Absolute, out var fileUri) && fileUri.IsFile
                ? fileUri.LocalPath
                : throw GyreException.InvalidInput($"Invalid tracking URI '{trackingUri}': a file URI is file:///absolute/folder.");
        }
        else if (trackingUri.Contains("://", StringComparison.Ordinal))
        {
            throw GyreException.InvalidInput(
                $"Unsupported tracking URI '{trackingUri}': use http(s)://host:port for a server, sqlite:///path for a database, or a folder path for a workspace.");
        }
        else
        {
            folder = Path.GetFullPath(trackingUri, workingDirectory);
        }

        return await OpenLocalAsync(Path.Combine(folder, "gyre.db"), Path.Combine(folder, "artifacts"), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a RUNNING run in the experiment named <paramref name="experimentName"/> (created when absent;
    /// InvalidState when it is deleted). <paramref name="runName"/> null = a generated name. The run carries
    /// MLflow's system tags (user, source, git commit of the working directory, host, Gyre version);
    /// <paramref name="tags"/> add to them or override them.
    /// </summary>
    public async Task<ActiveRun> StartRunAsync(
        string experimentName,
        string? runName = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateExperimentName(experimentName);
        var experimentId = await GetOrCreateExperimentAsync(experimentName, cancellationToken).ConfigureAwait(false);
        var allTags = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = Environment.GetCommandLineArgs() is [var program, ..] ? program : "unknown";
        foreach (var tag in RunContext.SystemTags(options.WorkingDirectory ?? Environment.CurrentDirectory, source))
        {
            allTags[tag.Key] = tag.Value;
        }

        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            allTags[key] = value;
        }

        var tagList = allTags.Select(t => new Tag(t.Key, t.Value)).ToList();
        TrackingValidation.ValidateRunTags(tagList, "tags");
        var startTime = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var info = await Store.CreateRunAsync(experimentId, runName ?? "", allTags[RunContext.UserTag], startTime, tagList, cancellationToken).ConfigureAwait(false);
        return new ActiveRun(Store, Artifacts, info, options);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var owned in ownedStores)
        {
            owned.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<TrackingClient> OpenLocalAsync(string databasePath, string artifactRoot, TrackingClientOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var store = await SqliteTrackingStore.OpenAsync(databasePath, artifactRoot, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        return new TrackingClient(store, new LocalArtifactStore(artifactRoot), store, options, [store]);
    }

    private async Task<ExperimentId> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Store.FindExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return existing.LifecycleStage == LifecycleStage.Active
                    ? existing.Id
                    : throw GyreException.InvalidState($"Experiment '{name}' (id {existing.Id}) is deleted; restore it or choose another name.");
            }

            try
            {
                return await Store.CreateExperimentAsync(name, null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (GyreException error) when (error.Kind == ErrorKind.AlreadyExists && attempt == 0)
            {
                // Another process created it between the lookup and the creation: look it up again.
            }
        }
    }
}
