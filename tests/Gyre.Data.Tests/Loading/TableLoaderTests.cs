using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;

namespace Gyre.Data.Tests.Loading;

public sealed class TableLoaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoadAsync_InfersAndLoadsTypedColumnsWithSourceLines()
    {
        var path = _temp.Write("t.csv",
            "age,member,joined,city,bio\n" +
            "34,yes,2024-01-02,Paris,\"likes long walks\non the beach\"\n" +
            "NA,no,2023-12-31T23:00:00Z,Lyon,\n" +
            "1e2,y,2024-02-01,Paris,quiet\n");
        var table = await TableLoader.LoadAsync(path, cancellationToken: Ct);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(path, table.SourcePath);
        Assert.Equal([2L, 4L, 5L], table.SourceLines);
        var age = Assert.IsType<NumericColumn>(table["age"]);
        Assert.Equal(34, age.Values[0]);
        Assert.True(double.IsNaN(age.Values[1]));
        Assert.Equal(100, age.Values[2]);
        Assert.Equal([true, false, true], Assert.IsType<BooleanColumn>(table["member"]).Values);
        Assert.Equal(new DateTime(2023, 12, 31, 23, 0, 0, DateTimeKind.Utc), Assert.IsType<DateTimeColumn>(table["joined"]).Values[1]);
        var city = Assert.IsType<StringColumn>(table["city"]);
        Assert.Equal(ColumnType.Categorical, city.Type);
        Assert.Equal(["Paris", "Lyon", "Paris"], city.Values);
        Assert.Null(table["bio"].FormatValue(1));
    }

    [Fact]
    public async Task LoadAsync_ValueNotParseableForGivenSchema_ThrowsNamingFileLineColumnAndValue()
    {
        var path = _temp.Write("bad.csv", "id,age\n1,30\n2,\"multi\nline\"\n3,abc\n");
        var options = new TableLoadOptions
        {
            Schema = new DatasetSchema([new ColumnSchema("id", ColumnType.Numeric), new ColumnSchema("age", ColumnType.Numeric)]),
        };
        var ex = await Assert.ThrowsAsync<GyreException>(() => TableLoader.LoadAsync(path, options, Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("bad.csv line 3, column 'age': 'multi\nline' is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_OverrideThatDoesNotFit_ThrowsNamingLineAndColumn()
    {
        var path = _temp.Write("o.csv", "x,y\n1,2\n3,four\n");
        var options = new TableLoadOptions
        {
            Inference = new SchemaInferenceOptions { Overrides = new Dictionary<string, ColumnType> { ["y"] = ColumnType.Numeric } },
        };
        var ex = await Assert.ThrowsAsync<GyreException>(() => TableLoader.LoadAsync(path, options, Ct));
        Assert.Contains("o.csv line 3, column 'y': 'four' is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_GivenSchema_UsesItsOrderAndSkipsOtherColumns()
    {
        var path = _temp.Write("s.csv", "extra,b,a\nz,2,1\n");
        var schema = new DatasetSchema([new ColumnSchema("a", ColumnType.Numeric, false), new ColumnSchema("b", ColumnType.Categorical, false, ["2"])]);
        var table = await TableLoader.LoadAsync(path, new TableLoadOptions { Schema = schema }, Ct);
        Assert.Equal(schema, table.Schema);
        Assert.Equal([1.0], ((NumericColumn)table["a"]).Values);
    }

    [Fact]
    public async Task LoadAsync_GivenSchemaColumnNotInFile_ThrowsNamingColumn()
    {
        var path = _temp.Write("s.csv", "a\n1\n");
        var schema = new DatasetSchema([new ColumnSchema("a", ColumnType.Numeric), new ColumnSchema("income", ColumnType.Numeric)]);
        var ex = await Assert.ThrowsAsync<GyreException>(() => TableLoader.LoadAsync(path, new TableLoadOptions { Schema = schema }, Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("s.csv line 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'income'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingValueInNonNullableColumn_ThrowsUnlessAllowed()
    {
        var path = _temp.Write("n.csv", "a\n1\n\n?\n");
        var schema = new DatasetSchema([new ColumnSchema("a", ColumnType.Numeric, Nullable: false)]);
        var ex = await Assert.ThrowsAsync<GyreException>(() => TableLoader.LoadAsync(path, new TableLoadOptions { Schema = schema }, Ct));
        Assert.Contains("n.csv line 4, column 'a': missing value", ex.Message, StringComparison.Ordinal);

        var table = await TableLoader.LoadAsync(path, new TableLoadOptions { Schema = schema, AllowMissingInNonNullable = true }, Ct);
        Assert.True(table.Schema.Get("a").Nullable);
        Assert.True(table["a"].IsMissing(1));
    }

    [Fact]
    public async Task LoadAsync_HeaderOnly_GivesEmptyTable()
    {
        var path = _temp.Write("h.csv", "a,b\n");
        var table = await TableLoader.LoadAsync(path, cancellationToken: Ct);
        Assert.Equal(0, table.RowCount);
        Assert.Equal(2, table.Columns.Count);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNotFound()
    {
        var ex = await Assert.ThrowsAsync<GyreException>(() => TableLoader.LoadAsync(_temp.File("gone.csv"), cancellationToken: Ct));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Contains("gone.csv", ex.Message, StringComparison.Ordinal);
    }
}
