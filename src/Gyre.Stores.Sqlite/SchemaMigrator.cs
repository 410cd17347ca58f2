using System.Globalization;
using Gyre.Core;
using Microsoft.Data.Sqlite;

namespace Gyre.Stores.Sqlite;

/// <summary>
/// Brings a database to the latest schema: applies each embedded <c>Migrations/NNNN_name.sql</c> whose
/// number is above the highest recorded in <c>schema_migrations</c>, each in its own IMMEDIATE
/// transaction together with its <c>schema_migrations</c> row, so a crash leaves whole versions only.
/// Safe against concurrent openers (the version is re-read under the write lock).
/// </summary>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "Gyre.Stores.Sqlite.Migrations.";

    /// <summary>The migrations this build knows, by ascending version.</summary>
    public static IReadOnlyList<SchemaMigration> Known { get; } = LoadEmbedded();

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Known[^1].Version;

    /// <summary>
    /// Applies pending migrations. Throws InvalidState when the database records a newer version than
    /// <see cref="LatestVersion"/> (written by a newer Gyre), naming <paramref name="databasePath"/>.
    /// </summary>
    public static async Task MigrateAsync(SqliteConnection connection, string databasePath, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT    NOT NULL,
                    applied_at INTEGER NOT NULL
                )
                """;
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        CheckNotNewer(await ReadVersionAsync(connection, null, cancellationToken), databasePath);
        foreach (var migration in Known)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = await ReadVersionAsync(connection, transaction, cancellationToken);
            CheckNotNewer(current, databasePath);
            if (migration.Version <= current)
            {
                continue;
            }

            await using (var script = connection.CreateCommand())
            {
                script.Transaction = transaction;
                script.CommandText = migration.Sql;
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
                record.Parameters.AddWithValue("@version", migration.Version);
                record.Parameters.AddWithValue("@name", migration.Name);
                record.Parameters.AddWithValue("@at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static void CheckNotNewer(int current, string databasePath)
    {
        if (current > LatestVersion)
        {
            throw GyreException.InvalidState(
                $"The tracking database '{databasePath}' has schema version {current}, but this Gyre knows versions up to " +
                $"{LatestVersion}. It was written by a newer Gyre: upgrade Gyre to open it.");
        }
    }

    private static List<SchemaMigration> LoadEmbedded()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SchemaMigration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema migrations must be numbered 1, 2, 3...; found {migrations[i].Name} at position {i + 1}.");
            }
        }

        return migrations;
    }
}
