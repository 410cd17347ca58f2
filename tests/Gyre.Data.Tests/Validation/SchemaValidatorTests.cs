using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Data.Validation;

namespace Gyre.Data.Tests.Validation;

public sealed class SchemaValidatorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static readonly DatasetSchema Schema = new(
    [
        new ColumnSchema("age", ColumnType.Numeric, Nullable: false),
        new ColumnSchema("city", ColumnType.Categorical, Nullable: true, ["Lyon", "Paris"]),
        new ColumnSchema("joined", ColumnType.DateTime),
        new ColumnSchema("income", ColumnType.Numeric),
    ]);

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidateAsync_ConformingFile_IsValid()
    {
        var path = _temp.Write("ok.csv", "age,city,joined,income\n30,Paris,2024-01-01,1\n31,,NA,\n");
        var report = await SchemaValidator.ValidateAsync(path, Schema, cancellationToken: Ct);
        Assert.True(report.IsValid);
        Assert.Equal(2, report.RowsChecked);
    }

    [Fact]
    public async Task ValidateAsync_EachKindOfProblem_IsReportedWithLineAndColumn()
    {
        var path = _temp.Write("v.csv",
            "age,city,joined,extra\n" +
            "30,Paris,2024-01-01,x\n" +
            "abc,Lyon,2024-01-02,x\n" +
            ",Paris,2024-01-03,x\n" +
            "40,Berlin,not-a-date,x\n");
        var report = await SchemaValidator.ValidateAsync(path, Schema, cancellationToken: Ct);
        Assert.False(report.IsValid);
        Assert.Equal(6, report.TotalViolations);
        Assert.Contains(report.Violations, v => v is { Line: 1, Column: "income" } && v.Message.Contains("in the schema but not in the file", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v is { Line: 1, Column: "extra" } && v.Message.Contains("in the file but not in the schema", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v is { Line: 3, Column: "age" } && v.Message.Contains("v.csv line 3, column 'age': 'abc' is not a number", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v is { Line: 4, Column: "age" } && v.Message.Contains("missing value", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v is { Line: 5, Column: "city" } && v.Message.Contains("'Berlin' is not one of", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v is { Line: 5, Column: "joined" } && v.Message.Contains("ISO 8601", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_MoreViolationsThanMax_ListsMaxAndCountsAll()
    {
        var path = _temp.Write("many.csv", "age,city,joined,income\n" + string.Join("\n", Enumerable.Range(0, 25).Select(_ => "x,Paris,,")) + "\n");
        var report = await SchemaValidator.ValidateAsync(path, Schema, new SchemaValidationOptions { MaxViolations = 10 }, Ct);
        Assert.Equal(25, report.TotalViolations);
        Assert.Equal(10, report.Violations.Count);
        Assert.True(report.IsTruncated);
        Assert.Equal(Enumerable.Range(2, 10).Select(i => (long?)i), report.Violations.Select(v => v.Line));
    }

    [Fact]
    public async Task ValidateAsync_MissingFile_ThrowsNotFound()
    {
        var ex = await Assert.ThrowsAsync<GyreException>(() => SchemaValidator.ValidateAsync(_temp.File("x.csv"), Schema, cancellationToken: Ct));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
    }
}
