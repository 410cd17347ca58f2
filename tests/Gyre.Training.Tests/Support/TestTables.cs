using System.Globalization;
using Gyre.Data.Tables;

namespace Gyre.Training.Tests.Support;

/// <summary>
/// Test-only table sources: a minimal CSV reader (no quoting; "" and "?" are missing; a column is numeric when
/// every present value parses, boolean when every value is true/false, else categorical) and the repository's
/// datasets. Source lines are 1-based with the header on line 1.
/// </summary>
internal static class TestTables
{
    public static DataTable FromCsv(string csv, string? sourcePath = null)
    {
        var lines = csv.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => v.Trim()).Select(v => v is "" or "?" ? null : v).ToArray()).ToArray();
        var columns = new List<DataColumn>();
        for (var c = 0; c < header.Length; c++)
        {
            var values = rows.Select(r => r[c]).ToArray();
            columns.Add(Column(header[c].Trim(), values));
        }

        return Build(columns, [.. Enumerable.Range(2, rows.Length).Select(i => (long)i)], sourcePath);
    }

    public static DataTable Build(IReadOnlyList<DataColumn> columns, IReadOnlyList<long>? lines = null, string? sourcePath = null) =>
        new(new DatasetSchema([.. columns.Select(c => new ColumnSchema(c.Name, c.Type))]), columns, lines, sourcePath);

    /// <summary>The first <paramref name="rows"/> data rows of datasets/{name}/{file}.</summary>
    public static DataTable Dataset(string name, string file, int rows = int.MaxValue)
    {
        var path = Path.Combine(RepositoryRoot(), "datasets", name, file);
        var text = string.Join('\n', File.ReadLines(path).Take(rows == int.MaxValue ? int.MaxValue : rows + 1));
        return FromCsv(text, path);
    }

    public static DataTable Adult(int rows = 3000) => Dataset("adult", "adult.csv", rows);

    public static DataTable Iris() => Dataset("iris", "iris.csv");

    public static DataTable Wine(int rows = 1500) => Dataset("wine-quality", "winequality.csv", int.MaxValue) is var all
        ? all.Take([.. Enumerable.Range(0, all.RowCount).Where(r => r % (all.RowCount / rows) == 0).Take(rows)])
        : throw new InvalidOperationException();

    private static DataColumn Column(string name, string?[] values)
    {
        var present = values.OfType<string>().ToArray();
        if (present.Length > 0 && present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return new NumericColumn(name, [.. values.Select(v => v is null ? double.NaN : double.Parse(v, CultureInfo.InvariantCulture))]);
        }

        if (present.Length > 0 && present.All(v => v is "true" or "false"))
        {
            return new BooleanColumn(name, [.. values.Select(v => v is null ? (bool?)null : v == "true")]);
        }

        return new StringColumn(name, ColumnType.Categorical, values);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "datasets")) && File.Exists(Path.Combine(dir.FullName, "Gyre.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (with datasets/) not found above the test binaries.");
    }
}
