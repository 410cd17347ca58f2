using Gyre.Core;
using Gyre.Registry;
using Gyre.Stores.Postgres;
using Gyre.Stores.Sql;
using Gyre.Stores.Sqlite;
using Gyre.Tracking;
using Gyre.Tracking.Access;

namespace Gyre.Server;

/// <summary>
/// The tracking database a server (or a <c>gyre server token</c> command) works on, opened from an MLflow-style
/// backend store URI: <c>sqlite:///relative.db</c> / <c>sqlite:////absolute/path.db</c> (the path follows
/// <c>sqlite:///</c>; a relative one resolves against the process's working folder) or
/// <c>postgresql://user:password@host:port/database</c> (also <c>postgres://</c> and SQLAlchemy's
/// <c>postgresql+driver://</c>). A live handle: dispose to release its connections. Thread-safe as the stores are.
/// </summary>
public sealed class BackendStore : IAsyncDisposable
{
    private const string SqlitePrefix = "sqlite:///";

    private BackendStore(SqlTrackingStore store)
    {
        Tracking = store;
        Registry = store;
    }

    /// <summary>Experiments and runs.</summary>
    public ITrackingStore Tracking { get; }

    /// <summary>Registered models, versions, aliases and the audit log, kept in the same database.</summary>
    public IModelRegistryStore Registry { get; }

    /// <summary>The API tokens kept in the same database; null when the backend has none.</summary>
    public IApiTokenStore? Tokens => Tracking as IApiTokenStore;

    /// <summary>
    /// Opens the database (creating and migrating it as the store does). <paramref name="artifactRoot"/> is the root
    /// new experiments' artifact locations derive from (<c>mlflow-artifacts:</c> when a server proxies artifacts).
    /// InvalidInput naming <c>--backend-store-uri</c> for a malformed URI.
    /// </summary>
    public static async Task<BackendStore> OpenAsync(string backendStoreUri, string artifactRoot, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var (kind, target) = ParseUri(backendStoreUri);
        SqlTrackingStore store = kind == BackendKind.Sqlite
            ? await SqliteTrackingStore.OpenAsync(target, artifactRoot, timeProvider, cancellationToken)
            : await PostgresTrackingStore.OpenAsync(target, artifactRoot, timeProvider, cancellationToken);
        return new BackendStore(store);
    }

    public ValueTask DisposeAsync()
    {
        (Tracking as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The backend kind and its target: the absolute SQLite file path, or the PostgreSQL URI with the scheme normalised to <c>postgresql://</c>.</summary>
    internal static (BackendKind Kind, string Target) ParseUri(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw Invalid("it is empty");
        }

        var trimmed = uri.Trim();
        if (trimmed.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = trimmed[SqlitePrefix.Length..];
            if (path.Length == 0 || path.Contains('?', StringComparison.Ordinal) || path == ":memory:")
            {
                throw Invalid("a SQLite URI names a database file, e.g. sqlite:///gyre.db (relative) or sqlite:////srv/gyre/gyre.db (absolute)");
            }

            return (BackendKind.Sqlite, Path.GetFullPath(Uri.UnescapeDataString(path)));
        }

        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? trimmed[..schemeEnd].ToLowerInvariant() : "";
        if (scheme is "postgresql" or "postgres" || scheme.StartsWith("postgresql+", StringComparison.Ordinal))
        {
            if (trimmed.Length == schemeEnd + 3)
            {
                throw Invalid("a PostgreSQL URI names a server and database, e.g. postgresql://user:password@127.0.0.1:5432/gyre");
            }

            return (BackendKind.Postgres, "postgresql://" + trimmed[(schemeEnd + 3)..]);
        }

        if (scheme == "sqlite")
        {
            throw Invalid("a SQLite URI is sqlite:/// followed by the database file's path, e.g. sqlite:///gyre.db or sqlite:////srv/gyre/gyre.db");
        }

        throw Invalid(scheme.Length == 0
            ? "expected sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
            : $"scheme '{scheme}' is not supported; use sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
    }

    private static GyreException Invalid(string reason) => GyreException.InvalidInput($"Invalid value for --backend-store-uri: {reason}.");

    internal enum BackendKind
    {
        Sqlite,
        Postgres,
    }
}
