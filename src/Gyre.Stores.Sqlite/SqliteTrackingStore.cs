using System.Globalization;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;
using Microsoft.Data.Sqlite;

namespace Gyre.Stores.Sqlite;

/// <summary>
/// An <see cref="ITrackingStore"/> in one SQLite file (WAL journal, foreign keys on, busy timeout), with
/// MLflow's tables. Thread-safe: every call opens its own pooled connection and runs in one transaction
/// (writes take the write lock up front with BEGIN IMMEDIATE), so a call's writes land all or none and a
/// killed process leaves the database intact (its runs stay RUNNING). Several processes may share the file.
/// Times recorded by the store (experiment creation/update, run deletion) come from the injected
/// <see cref="TimeProvider"/>. Dispose releases pooled connections to the file.
/// </summary>
public sealed partial class SqliteTrackingStore : ITrackingStore, IDisposable
{
    /// <summary>How long a call waits for another writer's lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private const string Active = "active";
    private const string Deleted = "deleted";

    private readonly string connectionString;
    private readonly TimeProvider timeProvider;

    private SqliteTrackingStore(string databasePath, string artifactRoot, TimeProvider timeProvider)
    {
        DatabasePath = databasePath;
        ArtifactRoot = artifactRoot;
        this.timeProvider = timeProvider;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The artifact root as a URI without trailing '/' (file:// for a local folder).</summary>
    public string ArtifactRoot { get; }

    /// <summary>The schema version this build creates and reads.</summary>
    public static int SchemaVersion => SchemaMigrator.LatestVersion;

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
        var store = new SqliteTrackingStore(fullPath, ArtifactUris.NormalizeRoot(artifactRoot), timeProvider ?? TimeProvider.System);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteScalarAsync(cancellationToken);
            }

            await SchemaMigrator.MigrateAsync(connection, fullPath, store.timeProvider, cancellationToken);
            await store.EnsureDefaultExperimentAsync(connection, cancellationToken);
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

    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private long NowMilliseconds() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction, committed only when it returns.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in one read transaction (one consistent snapshot).</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: true);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private static string Stage(LifecycleStage stage) => stage == LifecycleStage.Active ? Active : Deleted;

    private static LifecycleStage ParseStage(string stage) => stage == Active ? LifecycleStage.Active : LifecycleStage.Deleted;

    private static string StagesJson(ViewType viewType) => viewType switch
    {
        ViewType.ActiveOnly => """["active"]""",
        ViewType.DeletedOnly => """["deleted"]""",
        ViewType.All => """["active","deleted"]""",
        _ => throw GyreException.InvalidInput($"Invalid value '{viewType}' for parameter 'view_type'."),
    };

    private static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Running => "RUNNING",
        RunStatus.Scheduled => "SCHEDULED",
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Killed => "KILLED",
        _ => throw GyreException.InvalidInput($"Invalid value '{status}' for parameter 'status'."),
    };

    private static RunStatus ParseStatus(string status) => Enum.Parse<RunStatus>(status, ignoreCase: true);

    /// <summary>The integer key of a canonical decimal experiment id; false for anything else (which cannot exist).</summary>
    private static bool TryParseExperimentId(ExperimentId id, out long value) =>
        long.TryParse(id.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value)
        && value.ToString(CultureInfo.InvariantCulture) == id.Value;

    private static ExperimentId FormatExperimentId(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    private static GyreException ExperimentNotFound(ExperimentId id) => GyreException.NotFound($"No Experiment with id={id.Value} exists");

    private static GyreException RunNotFound(RunId id) => GyreException.NotFound($"Run with id={id.Value} not found");
}
