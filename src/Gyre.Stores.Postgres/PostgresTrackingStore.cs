using Gyre.Core;
using Gyre.Stores.Sql;
using Gyre.Tracking;
using Npgsql;

namespace Gyre.Stores.Postgres;

/// <summary>
/// An <see cref="ITrackingStore"/>, <see cref="Tracking.Access.IApiTokenStore"/> and
/// <see cref="Registry.IModelRegistryStore"/> in a PostgreSQL database, with MLflow's tables; several servers may share the database. Thread-safe: every call takes a
/// pooled connection and runs in one transaction, so a call's writes land all or none; concurrent writers
/// to one run neither lose nor duplicate points, and a param logged by two writers at once keeps one
/// value (the other writer gets InvalidInput). Disposing closes the pool.
/// </summary>
public sealed class PostgresTrackingStore : SqlTrackingStore
{
    private PostgresTrackingStore(NpgsqlConnectionStringBuilder settings, string artifactRoot, TimeProvider timeProvider)
        : base(new PostgresDialect(settings), artifactRoot, timeProvider) =>
        Database = PostgresConnection.Describe(settings);

    /// <summary>The database as "host:port/database" (no credentials).</summary>
    public string Database { get; }

    /// <summary>The schema version this build creates and reads.</summary>
    public static int SchemaVersion => PostgresDialect.KnownMigrations[^1].Version;

    /// <summary>
    /// Connects to the database named by <paramref name="connection"/> (a <c>postgresql://</c> or
    /// <c>postgres://</c> URI, or an Npgsql connection string; see <see cref="PostgresConnection"/>),
    /// applies pending schema migrations (concurrent openers wait for one another) and ensures the
    /// "Default" experiment (id "0") exists. <paramref name="artifactRoot"/> is a local folder or a URI
    /// prefix; experiments get <c>root/&lt;id&gt;</c>. Throws InvalidInput for a malformed connection or
    /// one the server refuses (credentials, unknown database), InvalidState for a database written by a
    /// newer Gyre, and Internal when the server cannot be reached.
    /// </summary>
    public static async Task<PostgresTrackingStore> OpenAsync(string connection, string artifactRoot, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var settings = PostgresConnection.Parse(connection);
        var store = new PostgresTrackingStore(settings, artifactRoot, timeProvider ?? TimeProvider.System);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("28", StringComparison.Ordinal) || e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await store.DisposeAsync();
            throw GyreException.InvalidInput($"PostgreSQL at '{store.Database}' refused the connection: {e.MessageText}");
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            await store.DisposeAsync();
            throw new GyreException(ErrorKind.Internal, $"Cannot reach PostgreSQL at '{store.Database}': {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
