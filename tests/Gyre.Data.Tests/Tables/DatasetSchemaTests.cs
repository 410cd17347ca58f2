using Gyre.Core;
using Gyre.Data.Tables;

namespace Gyre.Data.Tests.Tables;

public sealed class DatasetSchemaTests
{
    [Fact]
    public void Constructor_DuplicateColumnName_ThrowsInvalidInputNamingColumn()
    {
        var ex = Assert.Throws<GyreException>(() => new DatasetSchema([new ColumnSchema("a", ColumnType.Numeric), new ColumnSchema("a", ColumnType.Text)]));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownColumn_ThrowsNotFoundListingKnownColumns()
    {
        var schema = new DatasetSchema([new ColumnSchema("age", ColumnType.Numeric), new ColumnSchema("city", ColumnType.Categorical)]);
        var ex = Assert.Throws<GyreException>(() => schema.Get("income"));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Contains("age, city", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Take_SelectsRowsInOrderWithSourceLines()
    {
        var schema = new DatasetSchema([new ColumnSchema("x", ColumnType.Numeric)]);
        var table = new DataTable(schema, [new NumericColumn("x", [1, 2, 3])], [2, 3, 4]);
        var taken = table.Take([2, 0]);
        Assert.Equal([3.0, 1.0], ((NumericColumn)taken["x"]).Values);
        Assert.Equal(4, taken.LineOf(0));
    }
}
