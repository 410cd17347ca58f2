using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Data.Reading;
using Gyre.Data.Tables;

namespace Gyre.Data.Validation;

/// <summary>
/// Checks a data file against a schema, streaming (memory: one record plus the listed violations).
/// Reports: a schema column missing from the file, a file column not in the schema, a value that does
/// not parse as its column's type, a missing value in a non-nullable column, a categorical value outside
/// the schema's categories. Values use the same parsing as <see cref="TableLoader"/>. A file that cannot
/// be read as a table at all (ragged rows, unterminated quote, bad header) still throws InvalidInput.
/// </summary>
public static class SchemaValidator
{
    public static async Task<SchemaValidationReport> ValidateAsync(
        string path, DatasetSchema schema, SchemaValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new SchemaValidationOptions();
        if (options.MaxViolations < 0)
        {
            throw GyreException.InvalidInput($"MaxViolations must be 0 or more, not {options.MaxViolations}.");
        }

        var listed = new List<SchemaViolation>();
        long total = 0;
        void Report(long? line, string? column, string message)
        {
            total++;
            if (listed.Count < options.MaxViolations)
            {
                listed.Add(new SchemaViolation(line, column, message));
            }
        }

        await using var reader = await DataFile.OpenAsync(path, options.Read, cancellationToken);
        var fileIndex = reader.ColumnNames.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        var header = reader.HeaderLine is { } headerLine ? reader.FormatLocation(headerLine) : reader.Path;
        foreach (var column in schema.Columns.Where(c => !fileIndex.ContainsKey(c.Name)))
        {
            Report(reader.HeaderLine, column.Name, $"{header}, column '{column.Name}': in the schema but not in the file");
        }

        foreach (var name in reader.ColumnNames.Where(n => schema.Find(n) is null))
        {
            Report(reader.HeaderLine, name, $"{header}, column '{name}': in the file but not in the schema");
        }

        var checks = schema.Columns
            .Where(c => fileIndex.ContainsKey(c.Name))
            .Select(c => (Column: c, Index: fileIndex[c.Name], Categories: c.Categories is null ? null : new HashSet<string>(c.Categories, StringComparer.Ordinal)))
            .ToArray();
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            var record = reader.Current;
            foreach (var (column, index, categories) in checks)
            {
                var value = record[index];
                if (value is null)
                {
                    if (!column.Nullable)
                    {
                        Report(reader.Line, column.Name, $"{reader.FormatLocation(reader.Line)}, column '{column.Name}': missing value in a non-nullable column");
                    }
                }
                else if (!ColumnBuilder.Parses(column.Type, value))
                {
                    Report(reader.Line, column.Name, $"{reader.FormatLocation(reader.Line)}, column '{column.Name}': {ColumnBuilder.DescribeBadValue(column.Type, value)}");
                }
                else if (categories is not null && !categories.Contains(value))
                {
                    Report(reader.Line, column.Name,
                        $"{reader.FormatLocation(reader.Line)}, column '{column.Name}': '{value}' is not one of the schema's {categories.Count} categories");
                }
            }
        }

        return new SchemaValidationReport(path, rows, total, listed);
    }
}
