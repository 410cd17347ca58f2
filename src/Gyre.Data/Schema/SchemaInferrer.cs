using Gyre.Core;
using Gyre.Data.Reading;
using Gyre.Data.Tables;

namespace Gyre.Data.Schema;

/// <summary>
/// Infers a <see cref="DatasetSchema"/> from records, streaming, keeping per column only counts and at
/// most <see cref="SchemaInferenceOptions.MaxCategories"/> + 1 distinct values. Rules, in order, over the
/// non-missing values: all parse as invariant numbers → Numeric (0/1 included; a column with no values
/// at all is Numeric too); all are true/false, yes/no, t/f, y/n → Boolean; all are ISO 8601 dates or
/// date-times → DateTime; otherwise Categorical or Text as <see cref="SchemaInferenceOptions"/> defines.
/// A column is Nullable when any value is missing. Categories are listed sorted by ordinal comparison
/// (stable whatever the row order). Not thread-safe.
/// </summary>
public sealed class SchemaInferrer
{
    private readonly SchemaInferenceOptions _options;
    private readonly ColumnEvidence[] _columns;

    /// <summary>Starts an inference over records whose fields are in <paramref name="columnNames"/> order.</summary>
    public SchemaInferrer(IReadOnlyList<string> columnNames, SchemaInferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        _options = options ?? new SchemaInferenceOptions();
        if (_options.MaxCategories < 1 || _options.MaxCategoryLength < 1)
        {
            throw GyreException.InvalidInput("Schema inference: MaxCategories and MaxCategoryLength must be at least 1.");
        }

        _columns = [.. columnNames.Select(n => new ColumnEvidence(n, _options.MaxCategories))];
    }

    /// <summary>Records observed so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Adds one record (null fields are missing).</summary>
    public void Observe(IReadOnlyList<string?> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Count != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} fields, got {record.Count}.", nameof(record));
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].Observe(record[i]);
        }

        RowCount++;
    }

    /// <summary>
    /// The schema of what was observed, with <see cref="SchemaInferenceOptions.Overrides"/> applied.
    /// Throws InvalidInput naming an override column that is not among the columns.
    /// </summary>
    /// <param name="source">Names the data in messages (usually the file path).</param>
    public DatasetSchema ToSchema(string source = "the data")
    {
        var overrides = _options.Overrides ?? new Dictionary<string, ColumnType>();
        foreach (var name in overrides.Keys.Where(n => !_columns.Any(c => c.Name == n)))
        {
            throw GyreException.InvalidInput(
                $"Type override for column '{name}': {source} has no such column; its columns are: {string.Join(", ", _columns.Select(c => c.Name))}.");
        }

        return new DatasetSchema([.. _columns.Select(c => c.ToSchema(_options, overrides.TryGetValue(c.Name, out var t) ? t : null))]);
    }

    /// <summary>Reads <paramref name="path"/> (CSV or Parquet, see <see cref="DataFile"/>) and infers its schema.</summary>
    public static async Task<DatasetSchema> InferAsync(
        string path, SchemaInferenceOptions? options = null, ReadOptions? readOptions = null, CancellationToken cancellationToken = default)
    {
        await using var reader = await DataFile.OpenAsync(path, readOptions, cancellationToken);
        return await InferAsync(reader, options, cancellationToken);
    }

    /// <summary>Infers the schema of the records left in <paramref name="reader"/>.</summary>
    public static async Task<DatasetSchema> InferAsync(IRecordReader reader, SchemaInferenceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var inferrer = new SchemaInferrer(reader.ColumnNames, options);
        var maxRows = inferrer._options.MaxRows ?? long.MaxValue;
        while (inferrer.RowCount < maxRows && await reader.ReadAsync(cancellationToken))
        {
            inferrer.Observe(reader.Current);
        }

        return inferrer.ToSchema(reader.Path);
    }
}
