using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gyre.Stores.Sql;
using Microsoft.Data.Sqlite;

namespace Gyre.Stores.Sqlite;

/// <summary>
/// SQLite for <see cref="SqlTrackingStore"/>: pooled connections to one file with foreign keys on and a
/// busy timeout; writes take the database write lock up front (BEGIN IMMEDIATE), so writers queue instead
/// of deadlocking and no extra locks are needed. Lists bind as JSON arrays read with <c>json_each</c>;
/// case-sensitive LIKE is GLOB (SQLite's LIKE ignores ASCII case); case-insensitive LIKE folds ASCII
/// letters only. Thread-safe.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>
    /// Parameters per command: far below SQLite's limit (32766), because binding by name costs time
    /// quadratic in the count (each name is looked up by a linear scan).
    /// </summary>
    private const int ParameterBudget = 250;

    private static readonly IReadOnlyList<SchemaMigration> Scripts =
        SchemaMigration.LoadEmbedded(typeof(SqliteDialect).Assembly, "Gyre.Stores.Sqlite.Migrations.");

    private readonly string connectionString;
    private readonly TimeSpan busyTimeout;

    public SqliteDialect(string databasePath, TimeSpan busyTimeout)
    {
        DatabaseDescription = databasePath;
        this.busyTimeout = busyTimeout;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)busyTimeout.TotalSeconds,
        }.ToString();
    }

    public static IReadOnlyList<SchemaMigration> KnownMigrations => Scripts;

    public override string DatabaseDescription { get; }

    public override IReadOnlyList<SchemaMigration> Migrations => Scripts;

    public override int MaxParameters => ParameterBudget;

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds}";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task<DbTransaction> BeginReadTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override string InList(string expression, string parameterName) => $"{expression} IN (SELECT value FROM json_each({parameterName}))";

    public override object ListValue(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public override object ListValue(IReadOnlyList<long> values) => JsonSerializer.Serialize(values);

    public override string LikeCondition(string expression, string parameterName, bool caseSensitive) =>
        caseSensitive ? $"{expression} GLOB {parameterName}" : $"{expression} LIKE {parameterName} ESCAPE '\\'";

    public override string LikeValue(LikePattern pattern, bool caseSensitive)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return caseSensitive ? pattern.ToGlob() : pattern.ToLike();
    }

    /// <summary>
    /// One prepared single-row INSERT executed per row: in-process SQLite has no round trips to save, and
    /// this avoids parsing large statements and binding thousands of named parameters.
    /// </summary>
    public override async Task InsertRowsAsync(DbTransaction transaction, SqlInsert insert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(insert);
        await using var command = (SqliteCommand)transaction.Connection!.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        var names = insert.BindConstants(command);
        var cells = new SqliteParameter[insert.Columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@v{i}");
            cells[i] = command.Parameters.AddWithValue(name, DBNull.Value);
            names.Add(name);
        }

        command.CommandText = $"INSERT INTO {insert.Table} ({insert.TargetColumns}) VALUES ({string.Join(", ", names)})";
        for (var row = 0; row < insert.Rows.Count; row++)
        {
            for (var column = 0; column < cells.Length; column++)
            {
                cells[column].Value = insert.Rows.Columns[column].GetValue(row);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary><c>VALUES (...), (...)</c> with one parameter per cell.</summary>
    public override string RowSource(DbCommand command, SqlRows rows)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(rows);
        var sqliteCommand = (SqliteCommand)command;
        var text = new StringBuilder("VALUES ");
        for (var row = 0; row < rows.Count; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < rows.Columns.Count; column++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@r{row}_{column}");
                text.Append(column == 0 ? name : ", " + name);
                sqliteCommand.Parameters.AddWithValue(name, rows.Columns[column].GetValue(row));
            }

            text.Append(')');
        }

        return text.ToString();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}
