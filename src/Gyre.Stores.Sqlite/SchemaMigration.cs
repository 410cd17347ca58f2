namespace Gyre.Stores.Sqlite;

/// <summary>One numbered schema script (<c>Migrations/NNNN_name.sql</c>), applied once, in one transaction.</summary>
internal sealed record SchemaMigration(int Version, string Name, string Sql);
