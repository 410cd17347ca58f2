using Gyre.Core;

namespace Gyre.Data.Tables;

/// <summary>The ordered columns of a dataset. Column names are unique (ordinal comparison).</summary>
public sealed record DatasetSchema
{
    private readonly Dictionary<string, int> _indexByName;

    public DatasetSchema(IReadOnlyList<ColumnSchema> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (!_indexByName.TryAdd(columns[i].Name, i))
            {
                throw GyreException.InvalidInput($"Column '{columns[i].Name}' appears more than once in the schema.");
            }
        }
    }

    public IReadOnlyList<ColumnSchema> Columns { get; }

    /// <summary>The index of the named column, or -1.</summary>
    public int IndexOf(string name) => _indexByName.GetValueOrDefault(name, -1);

    public ColumnSchema? Find(string name) => IndexOf(name) is var i and >= 0 ? Columns[i] : null;

    /// <summary>The named column; throws <see cref="ErrorKind.NotFound"/> listing the known columns.</summary>
    public ColumnSchema Get(string name) => Find(name) ?? throw GyreException.NotFound(
        $"Column '{name}' is not in the data; its columns are: {string.Join(", ", Columns.Select(c => c.Name))}.");

    public bool Equals(DatasetSchema? other) => other is not null && Columns.SequenceEqual(other.Columns, ColumnSchemaComparer.Instance);

    public override int GetHashCode() => Columns.Count;

    private sealed class ColumnSchemaComparer : IEqualityComparer<ColumnSchema>
    {
        public static readonly ColumnSchemaComparer Instance = new();

        public bool Equals(ColumnSchema? x, ColumnSchema? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Type == y.Type && x.Nullable == y.Nullable &&
            (x.Categories ?? []).SequenceEqual(y.Categories ?? []);

        public int GetHashCode(ColumnSchema obj) => HashCode.Combine(obj.Name, obj.Type);
    }
}
