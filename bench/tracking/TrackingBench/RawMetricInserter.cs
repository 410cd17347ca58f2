using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TrackingBench;

/// <summary>
/// The ingest limit: rows inserted straight into the tracking database's <c>metrics</c> table (the same
/// table and columns the server writes), one transaction per batch using each database's fastest plain-SQL bulk path (SQLite: a prepared single-row INSERT re-executed; PostgreSQL: one INSERT of unnested arrays), one
/// connection per concurrent caller (pooled). Thread-safe.
/// </summary>
internal sealed class RawMetricInserter : IAsyncDisposable
{
    private readonly Func<DbConnection> connect;
    private readonly bool sqlite;

    private RawMetricInserter(Func<DbConnection> connect, bool sqlite)
    {
        this.connect = connect;
        this.sqlite = sqlite;
    }

    public static RawMetricInserter Open(string kind, string connection) => kind switch
    {
        "sqlite" => new RawMetricInserter(() => new SqliteConnection($"Data Source={connection};Pooling=True;Default Timeout=60"), sqlite: true),
        "postgres" => new RawMetricInserter(() => new NpgsqlConnection(connection), sqlite: false),
        _ => throw new ArgumentException($"--db-kind must be sqlite or postgres, got '{kind}'"),
    };

    public async Task InsertAsync(string runId, MetricPoint[] batch)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        if (sqlite)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 60000";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var transaction = sqlite
            ? ((SqliteConnection)connection).BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (sqlite)
        {
            // SQLite's fastest bulk path: one prepared single-row INSERT re-executed inside the transaction.
            command.CommandText = "INSERT INTO metrics (run_uuid, key, value, is_nan, timestamp, step) VALUES (@run, @k, @v, 0, @t, @s)";
            var run = AddParameter(command, "@run", runId);
            var key = AddParameter(command, "@k", "");
            var value = AddParameter(command, "@v", 0.0);
            var timestamp = AddParameter(command, "@t", 0L);
            var step = AddParameter(command, "@s", 0L);
            command.Prepare();
            foreach (var point in batch)
            {
                (key.Value, value.Value, timestamp.Value, step.Value) = (point.Key, point.Value, point.Timestamp, point.Step);
                await command.ExecuteNonQueryAsync();
            }
        }
        else
        {
            // PostgreSQL's fastest plain-SQL bulk path: one INSERT of unnested arrays.
            command.CommandText = """
                INSERT INTO metrics (run_uuid, key, value, is_nan, timestamp, step)
                SELECT @run, k, v, 0, t, s FROM unnest(@k, @v, @t, @s) AS p(k, v, t, s)
                """;
            AddParameter(command, "@run", runId);
            AddParameter(command, "@k", batch.Select(p => p.Key).ToArray());
            AddParameter(command, "@v", batch.Select(p => p.Value).ToArray());
            AddParameter(command, "@t", batch.Select(p => p.Timestamp).ToArray());
            AddParameter(command, "@s", batch.Select(p => p.Step).ToArray());
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }

        return ValueTask.CompletedTask;
    }

    private static DbParameter AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
