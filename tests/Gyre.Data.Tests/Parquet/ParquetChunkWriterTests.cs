using Gyre.Data.Parquet;
using Parquet;
using Parquet.Schema;

namespace Gyre.Data.Tests.Parquet;

public sealed class ParquetChunkWriterTests : IDisposable
{
    private static readonly ParquetOutputColumn[] Columns =
    [
        new("id", ParquetOutputKind.Integer),
        new("name", ParquetOutputKind.Text),
        new("score", ParquetOutputKind.Number),
    ];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long?[] L(params long?[] values) => values;

    private static string?[] S(params string?[] values) => values;

    private static double?[] D(params double?[] values) => values;

    private static int?[] I(params int?[] values) => values;

    private static double[] Plain(params double[] values) => values;

    /// <summary>Writes three row groups (2, 1 and 3 rows) with an empty chunk between them; arrays are longer than the chunks.</summary>
    private async Task<string> WriteSampleAsync(string name = "out.parquet")
    {
        var path = _temp.File(name);
        await using var writer = await ParquetChunkWriter.CreateAsync(path, Columns, Ct);
        await writer.WriteRowGroupAsync([L(1, null, 99), S("Zürich ✓ 東京", null, "ignored"), D(0.1, double.NaN, 7)], 2, Ct);
        await writer.WriteRowGroupAsync([Array.Empty<long?>(), Array.Empty<string?>(), Array.Empty<double?>()], 0, Ct);
        await writer.WriteRowGroupAsync([L(long.MinValue), S("a,\"b\"\nc"), D((double?)null)], 1, Ct);
        await writer.WriteRowGroupAsync([L(long.MaxValue, 4, -5), S("x", "😀", null), D(-2.5e-300, 1e300, double.PositiveInfinity)], 3, Ct);
        Assert.Equal(6, writer.RowCount);
        Assert.Equal(3, writer.RowGroupCount);
        await writer.CommitAsync(Ct);
        return path;
    }

    private static async Task<List<string?[]>> ReadWithGyreAsync(string path, string[] expectedColumns)
    {
        await using var reader = await ParquetRecordReader.OpenAsync(path, cancellationToken: Ct);
        Assert.Equal(expectedColumns, reader.ColumnNames);
        var rows = new List<string?[]>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add([.. reader.Current]);
        }

        return rows;
    }

    private string[] FilesInFolder() => [.. Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task RoundTrip_ThroughGyreReader_KeepsValuesNullsUnicodeAndRowOrder()
    {
        var path = await WriteSampleAsync();

        var rows = await ReadWithGyreAsync(path, ["id", "name", "score"]);

        Assert.Equal(6, rows.Count);
        Assert.Equal(["1", "Zürich ✓ 東京", "0.1"], rows[0]);
        Assert.Equal([null, null, null], rows[1]); // NaN reads as missing in Gyre
        Assert.Equal([long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture), "a,\"b\"\nc", null], rows[2]);
        Assert.Equal([long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), "x", "-2.5E-300"], rows[3]);
        Assert.Equal(["4", "😀", "1E+300"], rows[4]);
        Assert.Equal(["-5", null, "Infinity"], rows[5]);
        Assert.Equal(["out.parquet"], FilesInFolder());
    }

    [Fact]
    public async Task LowLevelReader_SeesRowGroupsSchemaAndRawValuesIncludingNaN()
    {
        var path = await WriteSampleAsync();

        await using var reader = await ParquetReader.CreateAsync(path, null, Ct);
        Assert.Equal(3, reader.RowGroupCount);
        var fields = reader.Schema.DataFields;
        Assert.Equal(["id", "name", "score"], fields.Select(f => f.Name));
        Assert.All(fields, f => Assert.True(f.IsNullable));
        Assert.All(fields, f => Assert.False(f.IsArray));
        Assert.Equal(typeof(long), fields[0].ClrType);
        Assert.True(fields[1].ClrType == typeof(string) || fields[1].ClrType == typeof(ReadOnlyMemory<char>));
        Assert.Equal(typeof(double), fields[2].ClrType);

        using var first = reader.OpenRowGroupReader(0);
        Assert.Equal(2, first.RowCount);
        var ids = new long?[2];
        await first.ReadAsync<long>(fields[0], ids.AsMemory(), null, Ct);
        var names = new string?[2];
        await first.ReadAsync(fields[1], names.AsMemory()!, null, Ct);
        var scores = new double?[2];
        await first.ReadAsync<double>(fields[2], scores.AsMemory(), null, Ct);
        Assert.Equal([1L, null], ids);
        Assert.Equal(["Zürich ✓ 東京", null], names);
        Assert.Equal(0.1, scores[0]);
        Assert.True(double.IsNaN(scores[1]!.Value));

        using var second = reader.OpenRowGroupReader(1);
        Assert.Equal(1, second.RowCount);
        using var third = reader.OpenRowGroupReader(2);
        Assert.Equal(3, third.RowCount);
    }

    [Fact]
    public async Task CommitWithNoRows_WritesValidFileWithSchemaAndNoRowGroups()
    {
        var path = _temp.File("empty.parquet");
        await using (var writer = await ParquetChunkWriter.CreateAsync(path, Columns, Ct))
        {
            await writer.WriteRowGroupAsync([new long?[4], new string?[4], new double?[4]], 0, Ct);
            await writer.CommitAsync(Ct);
        }

        Assert.Empty(await ReadWithGyreAsync(path, ["id", "name", "score"]));
        await using var reader = await ParquetReader.CreateAsync(path, null, Ct);
        Assert.Equal(0, reader.RowGroupCount);
        Assert.Equal(["id", "name", "score"], reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(["empty.parquet"], FilesInFolder());
    }

    [Fact]
    public async Task DisposeWithoutCommit_LeavesNoFile()
    {
        var path = _temp.File("never.parquet");
        await using (var writer = await ParquetChunkWriter.CreateAsync(path, Columns, Ct))
        {
            await writer.WriteRowGroupAsync([L(1), S("a"), D(1)], 1, Ct);
            Assert.Single(FilesInFolder()); // the temp file exists while writing
        }

        Assert.False(File.Exists(path));
        Assert.Empty(FilesInFolder());
    }

    [Fact]
    public async Task DisposeWithoutCommit_KeepsPreviousFileIntact()
    {
        var path = await WriteSampleAsync();
        var before = await File.ReadAllBytesAsync(path, Ct);
        await using (var writer = await ParquetChunkWriter.CreateAsync(path, [new ParquetOutputColumn("other", ParquetOutputKind.Text)], Ct))
        {
            await writer.WriteRowGroupAsync([S("new")], 1, Ct);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(path, Ct));
        Assert.Equal(["out.parquet"], FilesInFolder());
    }

    [Fact]
    public async Task Commit_ReplacesExistingFile()
    {
        var path = await WriteSampleAsync();
        await using (var writer = await ParquetChunkWriter.CreateAsync(path, [new ParquetOutputColumn("other", ParquetOutputKind.Text)], Ct))
        {
            await writer.WriteRowGroupAsync([S("new")], 1, Ct);
            await writer.CommitAsync(Ct);
        }

        var rows = await ReadWithGyreAsync(path, ["other"]);
        Assert.Equal(["new"], Assert.Single(rows));
        Assert.Equal(["out.parquet"], FilesInFolder());
    }

    [Fact]
    public async Task CreateAsync_CreatesMissingFolder()
    {
        var path = Path.Combine(_temp.Path, "a", "b", "out.parquet");
        await using (var writer = await ParquetChunkWriter.CreateAsync(path, Columns, Ct))
        {
            await writer.CommitAsync(Ct);
        }

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task WriteRowGroupAsync_WrongArrayType_ThrowsNamingTheColumn()
    {
        await using var writer = await ParquetChunkWriter.CreateAsync(_temp.File("bad.parquet"), Columns, Ct);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            writer.WriteRowGroupAsync([L(1), S("a"), Plain(1)], 1, Ct));
        Assert.Contains("'score'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("double?[]", ex.Message, StringComparison.Ordinal);

        ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            writer.WriteRowGroupAsync([I(1), S("a"), D(1)], 1, Ct));
        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteRowGroupAsync_ShortArrayOrWrongColumnCount_Throws()
    {
        await using var writer = await ParquetChunkWriter.CreateAsync(_temp.File("bad.parquet"), Columns, Ct);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            writer.WriteRowGroupAsync([L(1, 2), S("a"), D(1, 2)], 2, Ct));
        Assert.Contains("'name'", ex.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteRowGroupAsync([L(1), S("a")], 1, Ct));

        // A rejected chunk writes nothing: the writer still works and the file has only the good chunk.
        await writer.WriteRowGroupAsync([L(7), S("ok"), D(0.5)], 1, Ct);
        await writer.CommitAsync(Ct);
        var rows = await ReadWithGyreAsync(_temp.File("bad.parquet"), ["id", "name", "score"]);
        Assert.Equal(["7", "ok", "0.5"], Assert.Single(rows));
    }

    [Fact]
    public async Task CreateAsync_DuplicateOrEmptyColumnName_ThrowsAndLeavesNoFile()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ParquetChunkWriter.CreateAsync(
            _temp.File("dup.parquet"), [new("a", ParquetOutputKind.Text), new("a", ParquetOutputKind.Number)], Ct));
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => ParquetChunkWriter.CreateAsync(_temp.File("e.parquet"), [new("", ParquetOutputKind.Text)], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => ParquetChunkWriter.CreateAsync(_temp.File("n.parquet"), [], Ct));
        Assert.Empty(FilesInFolder());
    }

    [Fact]
    public async Task WriteAfterCommit_Throws()
    {
        await using var writer = await ParquetChunkWriter.CreateAsync(_temp.File("c.parquet"), Columns, Ct);
        await writer.CommitAsync(Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            writer.WriteRowGroupAsync([L(1), S("a"), D(1)], 1, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync(Ct));
    }
}
