using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Data.Reading;
using Gyre.Data.Tables;
using Parquet;
using Parquet.Schema;

namespace Gyre.Data.Tests.Parquet;

public sealed class ParquetRecordReaderTests : IDisposable
{
    private static readonly int[] Offsets = [0, 2];
    private static readonly bool[] TrueFalse = [true, false];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> WriteSampleAsync()
    {
        var x = new DataField<double?>("x");
        var n = new DataField<int>("n");
        var city = new DataField<string>("city");
        var ok = new DataField<bool>("ok");
        var when = new DataField<DateTime>("when");
        var path = _temp.File("sample.parquet");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(x, n, city, ok, when), stream, cancellationToken: Ct);
        foreach (var offset in Offsets)
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(x, new double?[] { 1.5 + offset, offset == 0 ? null : double.NaN }, null, null, Ct);
            await group.WriteAsync<int>(n, new[] { offset, offset + 1 }, null, null, Ct);
            await group.WriteAsync(city, new[] { "Paris", offset == 0 ? "NA" : "Lyon" }, null);
            await group.WriteAsync<bool>(ok, TrueFalse, null, null, Ct);
            await group.WriteAsync<DateTime>(when, new[] { new DateTime(2024, 1, 1 + offset, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 2 + offset, 0, 0, 0, DateTimeKind.Utc) }, null, null, Ct);
        }

        return path;
    }

    [Fact]
    public async Task ReadAsync_StreamsAllRowGroupsWithRowNumbersAndMissingValues()
    {
        var path = await WriteSampleAsync();
        await using var reader = await DataFile.OpenAsync(path, cancellationToken: Ct);
        Assert.Equal(["x", "n", "city", "ok", "when"], reader.ColumnNames);
        var rows = new List<string?[]>();
        var lines = new List<long>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add([.. reader.Current]);
            lines.Add(reader.Line);
        }

        Assert.Equal([1L, 2L, 3L, 4L], lines);
        Assert.Equal(["1.5", "0", "Paris", "true"], rows[0].Take(4));
        Assert.Null(rows[1][0]);
        Assert.Null(rows[1][2]);
        Assert.Null(rows[3][0]);
        Assert.Equal("3.5", rows[2][0]);
        Assert.Equal("Lyon", rows[3][2]);
    }

    [Fact]
    public async Task LoadAsync_Parquet_GivesTypedTable()
    {
        var path = await WriteSampleAsync();
        var table = await TableLoader.LoadAsync(path, cancellationToken: Ct);
        Assert.Equal(4, table.RowCount);
        Assert.Equal(ColumnType.Numeric, table.Schema.Get("x").Type);
        Assert.True(table.Schema.Get("x").Nullable);
        Assert.Equal(ColumnType.Boolean, table.Schema.Get("ok").Type);
        Assert.Equal(ColumnType.DateTime, table.Schema.Get("when").Type);
        Assert.Equal(ColumnType.Categorical, table.Schema.Get("city").Type);
        Assert.Equal(new DateTime(2024, 1, 4, 0, 0, 0, DateTimeKind.Utc), ((DateTimeColumn)table["when"]).Values[3]);
        Assert.Equal([0.0, 1, 2, 3], ((NumericColumn)table["n"]).Values);
    }

    [Fact]
    public async Task LoadAsync_ParquetValueNotFittingSchema_NamesRowAndColumn()
    {
        var path = await WriteSampleAsync();
        var schema = new DatasetSchema([new ColumnSchema("city", ColumnType.Numeric)]);
        var ex = await Assert.ThrowsAsync<GyreException>(() => TableLoader.LoadAsync(path, new TableLoadOptions { Schema = schema }, Ct));
        Assert.Contains("sample.parquet row 1, column 'city': 'Paris' is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NotParquet_ThrowsInvalidInputNamingFile()
    {
        var path = _temp.Write("fake.parquet", "a,b\n1,2\n");
        var ex = await Assert.ThrowsAsync<GyreException>(() => DataFile.OpenAsync(path, cancellationToken: Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("fake.parquet", ex.Message, StringComparison.Ordinal);
    }
}
