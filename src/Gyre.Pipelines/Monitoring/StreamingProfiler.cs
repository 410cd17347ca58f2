using Gyre.Core;
using Gyre.Data.Reading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Profiles;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Profiles a data file in bounded memory: infers its schema (a first streaming pass), then reads it again in
/// chunks of <see cref="ChunkRows"/> records, sketches each chunk and merges it into the running profile. Memory
/// holds one chunk and the sketches, whatever the file's size. Columns are typed as <see cref="MonitoredFrames"/> types
/// them (date-time columns are left out). A value that does not parse as its column's type is an error naming
/// the file, line and column; nothing is written by this class.
/// </summary>
public static class StreamingProfiler
{
    public const int ChunkRows = 65_536;

    /// <summary>True when <paramref name="path"/> names a profile (JSON) rather than a data file.</summary>
    public static bool IsProfile(string path) => string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The profile of <paramref name="path"/>: loaded when it is a profile, else built from the data.</summary>
    public static async Task<DatasetSketch> LoadOrProfileAsync(string path, IProgress<long>? rowsRead, CancellationToken cancellationToken) =>
        IsProfile(path) ? await DatasetSketch.LoadAsync(path, cancellationToken) : await ProfileAsync(path, rowsRead, cancellationToken);

    /// <exception cref="GyreException">NotFound for a missing file; InvalidInput naming the file, line and column for a bad value.</exception>
    public static async Task<DatasetSketch> ProfileAsync(string path, IProgress<long>? rowsRead, CancellationToken cancellationToken)
    {
        var schema = await SchemaInferrer.InferAsync(path, null, null, cancellationToken);
        var columns = Enumerable.Range(0, schema.Columns.Count).Where(i => schema.Columns[i].Type != ColumnType.DateTime).ToArray();
        await using var reader = await DataFile.OpenAsync(path, null, cancellationToken);
        DatasetSketch? profile = null;
        var chunk = new Chunk(schema, columns);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            chunk.Add(reader);
            if (chunk.Count == ChunkRows)
            {
                profile = Merge(profile, chunk.ToSketch());
                rows += ChunkRows;
                rowsRead?.Report(rows);
            }
        }

        if (chunk.Count > 0 || profile is null)
        {
            rows += chunk.Count;
            profile = Merge(profile, chunk.ToSketch());
            rowsRead?.Report(rows);
        }

        return profile;
    }

    private static DatasetSketch Merge(DatasetSketch? profile, DatasetSketch next) => profile is null ? next : profile.Merge(next);

    /// <summary>Up to <see cref="ChunkRows"/> typed records, reused from chunk to chunk.</summary>
    private sealed class Chunk(DatasetSchema schema, int[] columns)
    {
        private readonly double[][] _numbers = [.. columns.Select(i => schema.Columns[i].Type == ColumnType.Numeric ? new double[ChunkRows] : [])];
        private readonly string?[][] _texts = [.. columns.Select(i => schema.Columns[i].Type != ColumnType.Numeric ? new string?[ChunkRows] : [])];

        public int Count { get; private set; }

        public void Add(IRecordReader reader)
        {
            var fields = reader.Current;
            for (var k = 0; k < columns.Length; k++)
            {
                var column = schema.Columns[columns[k]];
                var text = fields[columns[k]];
                switch (column.Type)
                {
                    case ColumnType.Numeric:
                        _numbers[k][Count] = text is null ? double.NaN
                            : ColumnValueParser.TryParseNumber(text, out var number) ? number
                            : throw Bad(reader, column.Name, text, "a number");
                        break;
                    case ColumnType.Boolean:
                        _texts[k][Count] = text is null ? null
                            : ColumnValueParser.TryParseBoolean(text, out var flag) ? (flag ? "true" : "false")
                            : throw Bad(reader, column.Name, text, "a boolean");
                        break;
                    default:
                        _texts[k][Count] = text;
                        break;
                }
            }

            Count++;
        }

        public DatasetSketch ToSketch()
        {
            var monitored = new MonitoredColumn[columns.Length];
            for (var k = 0; k < columns.Length; k++)
            {
                var name = schema.Columns[columns[k]].Name;
                monitored[k] = schema.Columns[columns[k]].Type == ColumnType.Numeric
                    ? new Gyre.Monitoring.Datasets.NumericColumn(name, _numbers[k][..Count])
                    : new CategoricalColumn(name, _texts[k][..Count]);
            }

            Count = 0;
            return DatasetSketch.Build(new MonitoredFrame(monitored));
        }

        private static GyreException Bad(IRecordReader reader, string column, string text, string expected) =>
            GyreException.InvalidInput($"{reader.FormatLocation(reader.Line)}: column '{column}': '{text}' is not {expected}.");
    }
}
