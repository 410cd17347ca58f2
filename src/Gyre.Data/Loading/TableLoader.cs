using Gyre.Core;
using Gyre.Data.Reading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;

namespace Gyre.Data.Loading;

/// <summary>
/// Loads a CSV or Parquet file into a <see cref="DataTable"/> with typed columns, each row's source line
/// (CSV) or row number (Parquet), and <see cref="DataTable.SourcePath"/>. Without a given schema the file
/// is read twice: once streaming to infer the schema (bounded memory), once to load the typed values;
/// raw text is never buffered. A value that does not parse as its column's type throws InvalidInput naming
/// file, line, column and value. Categorical values outside the schema's categories are loaded as they are
/// (use <see cref="Validation.SchemaValidator"/> to report them).
/// </summary>
public static class TableLoader
{
    public static async Task<DataTable> LoadAsync(string path, TableLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new TableLoadOptions();
        var schema = options.Schema ?? await SchemaInferrer.InferAsync(path, options.Inference, options.Read, cancellationToken);
        await using var reader = await DataFile.OpenAsync(path, options.Read, cancellationToken);
        var fileIndex = MapColumns(reader, schema);
        var builders = schema.Columns.Select(ColumnBuilder.For).ToArray();
        var lines = new List<long>();
        var location = () => reader.FormatLocation(reader.Line);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = reader.Current;
            for (var c = 0; c < builders.Length; c++)
            {
                builders[c].Add(record[fileIndex[c]], location, options.AllowMissingInNonNullable);
            }

            lines.Add(reader.Line);
        }

        var loadedSchema = new DatasetSchema([.. builders.Select(b => b.SawMissing && !b.Schema.Nullable ? b.Schema with { Nullable = true } : b.Schema)]);
        return new DataTable(loadedSchema, [.. builders.Select(b => b.Build())], lines, path);
    }

    private static int[] MapColumns(IRecordReader reader, DatasetSchema schema)
    {
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < reader.ColumnNames.Count; i++)
        {
            indexByName[reader.ColumnNames[i]] = i;
        }

        var missing = schema.Columns.Where(c => !indexByName.ContainsKey(c.Name)).Select(c => $"'{c.Name}'").ToList();
        if (missing.Count > 0)
        {
            var where = reader.HeaderLine is { } line ? reader.FormatLocation(line) : reader.Path;
            throw GyreException.InvalidInput(
                $"{where}: the schema's column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} {(missing.Count > 1 ? "are" : "is")} not in the file; " +
                $"its columns are: {string.Join(", ", reader.ColumnNames)}.");
        }

        return [.. schema.Columns.Select(c => indexByName[c.Name])];
    }
}
