using Npgsql;

namespace Gyre.Testing;

/// <summary>Raw SQL against a test database, behind a store's back (e.g. to build an old schema by hand).</summary>
public static class PostgresCommands
{
    /// <summary>Runs <paramref name="sql"/> (one or more statements) on its own connection.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The schema versions recorded in <c>schema_migrations</c>, ascending.</summary>
    public static async Task<List<int>> ReadSchemaVersionsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
