using System.Globalization;
using Gyre.Core;

namespace Gyre.Stores.Sql;

/// <summary>
/// Brings a database to its dialect's latest schema: applies each migration whose version is above the
/// highest recorded in <c>schema_migrations</c>, each in its own write transaction together with its
/// <c>schema_migrations</c> row, so a crash leaves whole versions only. Safe against concurrent openers,
/// also across processes: every step holds the migration lock (the write lock on SQLite, an advisory
/// transaction lock on PostgreSQL) and re-reads the version under it.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The lock key (an arbitrary constant, "gyre" then 1) that serialises migrations.</summary>
    private const long MigrationLockKey = 0x6779_7265_0000_0001;

    /// <summary>
    /// Applies pending migrations. Throws InvalidState when the database records a newer version than the
    /// dialect knows (written by a newer Gyre), naming the database.
    /// </summary>
    public static async Task MigrateAsync(SqlDialect dialect, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var latest = dialect.Migrations[^1].Version;
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            await using var transaction = await dialect.BeginWriteTransactionAsync(connection, cancellationToken);
            var session = new SqlSession(dialect, connection, transaction);
            await session.LockAsync(MigrationLockKey, cancellationToken);
            await session.ExecuteAsync(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT    NOT NULL,
                    applied_at BIGINT  NOT NULL
                )
                """,
                cancellationToken);
            var current = Convert.ToInt32(
                await session.ScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken),
                CultureInfo.InvariantCulture);
            if (current > latest)
            {
                throw GyreException.InvalidState(
                    $"The tracking database '{dialect.DatabaseDescription}' has schema version {current}, but this Gyre knows versions up to " +
                    $"{latest}. It was written by a newer Gyre: upgrade Gyre to open it.");
            }

            if (current == latest)
            {
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            var migration = dialect.Migrations[current];
            await session.ExecuteAsync(migration.Sql, cancellationToken);
            await session.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                cancellationToken,
                ("@version", migration.Version),
                ("@name", migration.Name),
                ("@at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds()));
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
