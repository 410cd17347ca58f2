using System.Globalization;
using System.Reflection;

namespace Gyre.Stores.Sql;

/// <summary>One numbered schema script (<c>NNNN_name.sql</c>), applied once, in one transaction.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>
    /// The scripts embedded in <paramref name="assembly"/> under <paramref name="resourcePrefix"/>
    /// (e.g. <c>Gyre.Stores.Sqlite.Migrations.</c>), by ascending version. Throws
    /// <see cref="InvalidOperationException"/> (a build error) unless they are numbered 1, 2, 3... without gaps.
    /// </summary>
    public static IReadOnlyList<SchemaMigration> LoadEmbedded(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourcePrefix);
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[resourcePrefix.Length..^".sql".Length];
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

        return migrations.Count > 0
            ? migrations
            : throw new InvalidOperationException($"No schema migrations are embedded under '{resourcePrefix}'.");
    }
}
