using Gyre.Core;
using Gyre.Stores.Sql;
using Gyre.Tracking;
using Microsoft.Data.Sqlite;

namespace Gyre.Stores.Sqlite;

/// <summary>
/// An <see cref="ITrackingStore"/>, <see cref="Tracking.Access.IApiTokenStore"/> and
/// <see cref="Registry.IModelRegistryStore"/> in one SQLite file (WAL
/// journal, foreign keys on, busy timeout), with MLflow's tables. Thread-safe: every call opens its own
/// pooled connection and runs in one transaction (writes take the write lock up front with BEGIN
/// IMMEDIATE), so a call's writes land all or none and a killed process leaves the database intact (its
/// runs stay RUNNING). Several processes may share the file. Dispose releases pooled connections to the file.
/// </summary>
public sealed class SqliteTrackingStore : SqlTrackingStore
{
    /// <summary>How long a call waits for another writer's lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private SqliteTrackingStore(string databasePath, string artifactRoot, TimeProvider timeProvider)
        : base(new SqliteDialect(databasePath, BusyTimeout), artifactRoot, timeProvider) =>
        DatabasePath = databasePath;

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version this build creates and reads.</summary>
    public static int SchemaVersion => SqliteDialect.KnownMigrations[^1].Version;

    /// <summary>
    /// Opens (creating folder and file when absent) the database at <paramref name="databasePath"/>,
    /// applies pending schema migrations and ensures the "Default" experiment (id "0") exists.
    /// <paramref name="artifactRoot"/> is a local folder or a URI prefix; experiments get
    /// <c>root/&lt;id&gt;</c> as artifact location. Throws InvalidState for a database written by a newer
    /// Gyre, Corrupt for a file that is not a SQLite database.
    /// </summary>
    public static async Task<SqliteTrackingStore> OpenAsync(string databasePath, string artifactRoot, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var store = new SqliteTrackingStore(fullPath, artifactRoot, timeProvider ?? TimeProvider.System);
        try
        {
            await using (var connection = await store.Dialect.OpenConnectionAsync(cancellationToken))
            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteScalarAsync(cancellationToken);
            }

            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT)
        {
            store.Dispose();
            throw new GyreException(ErrorKind.Corrupt, $"'{fullPath}' is not a readable Gyre tracking database: {e.Message}", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
