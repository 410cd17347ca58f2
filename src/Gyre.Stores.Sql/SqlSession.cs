using System.Data.Common;

namespace Gyre.Stores.Sql;

/// <summary>
/// One open connection and its transaction, with the dialect that speaks to it: runs commands inside the
/// transaction. Owned by one call; not thread-safe. Parameter names carry their '@'.
/// </summary>
internal sealed class SqlSession(SqlDialect dialect, DbConnection connection, DbTransaction transaction)
{
    public SqlDialect Dialect { get; } = dialect;

    public DbCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>Every row <paramref name="sql"/> returns, each mapped by <paramref name="read"/>, in order.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await QueryAsync(command, read, cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Appends rows to a table (see <see cref="SqlDialect.InsertRowsAsync"/>).</summary>
    public Task InsertRowsAsync(SqlInsert insert, CancellationToken cancellationToken) => Dialect.InsertRowsAsync(transaction, insert, cancellationToken);

    /// <summary>Takes the dialect's exclusive transaction lock <paramref name="key"/> (a no-op where writes are serialised).</summary>
    public async Task LockAsync(long key, CancellationToken cancellationToken)
    {
        var sql = Dialect.TransactionLockSql("@lock");
        if (sql is not null)
        {
            await ExecuteAsync(sql, cancellationToken, ("@lock", key));
        }
    }
}
