using Gyre.Core;
using Gyre.Data.Schema;
using Gyre.Data.Tables;

namespace Gyre.Data.Tests.Schema;

public sealed class SchemaInferrerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InferAsync_MixedColumns_InfersEachType()
    {
        var path = _temp.Write("mixed.csv",
            "num,int01,flag,when,city,note\n" +
            "1.5,0,yes,2024-01-02,Paris,the quick brown fox jumps\n" +
            "-2e3,1,No,2024-01-03T10:15:00Z,Lyon,a slow green turtle walks\n" +
            "NA,1,T,2024-01-04 08:00,Paris,one more long sentence here\n");
        var schema = await SchemaInferrer.InferAsync(path, cancellationToken: Ct);
        Assert.Equal(ColumnType.Numeric, schema.Get("num").Type);
        Assert.True(schema.Get("num").Nullable);
        Assert.Equal(ColumnType.Numeric, schema.Get("int01").Type);
        Assert.False(schema.Get("int01").Nullable);
        Assert.Equal(ColumnType.Boolean, schema.Get("flag").Type);
        Assert.Equal(ColumnType.DateTime, schema.Get("when").Type);
        Assert.Equal(ColumnType.Categorical, schema.Get("city").Type);
        Assert.Equal(["Lyon", "Paris"], schema.Get("city").Categories);
        Assert.Equal(ColumnType.Text, schema.Get("note").Type);
        Assert.Null(schema.Get("note").Categories);
    }

    [Fact]
    public async Task InferAsync_MoreDistinctValuesThanLimit_IsText()
    {
        var path = _temp.Write("ids.csv", "id\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"k{i}")) + "\n");
        var schema = await SchemaInferrer.InferAsync(path, new SchemaInferenceOptions { MaxCategories = 20 }, cancellationToken: Ct);
        Assert.Equal(ColumnType.Text, schema.Get("id").Type);
        var relaxed = await SchemaInferrer.InferAsync(path, new SchemaInferenceOptions { MaxCategories = 30 }, cancellationToken: Ct);
        Assert.Equal(ColumnType.Categorical, relaxed.Get("id").Type);
        Assert.Equal(30, relaxed.Get("id").Categories!.Count);
    }

    [Fact]
    public async Task InferAsync_LongValue_IsText()
    {
        var path = _temp.Write("long.csv", $"c\nshort\n{new string('z', 101)}\nshort\n");
        var schema = await SchemaInferrer.InferAsync(path, cancellationToken: Ct);
        Assert.Equal(ColumnType.Text, schema.Get("c").Type);
    }

    [Fact]
    public async Task InferAsync_RepeatedMultiWordLabels_StayCategorical()
    {
        var rows = Enumerable.Repeat("New York City Area", 10).Concat(Enumerable.Repeat("San Francisco Bay Area", 10));
        var path = _temp.Write("labels.csv", "region\n" + string.Join("\n", rows) + "\n");
        var schema = await SchemaInferrer.InferAsync(path, cancellationToken: Ct);
        Assert.Equal(ColumnType.Categorical, schema.Get("region").Type);
    }

    [Fact]
    public async Task InferAsync_AllMissingColumn_IsNullableNumeric()
    {
        var path = _temp.Write("gap.csv", "a,b\n1,\n2,NA\n");
        var schema = await SchemaInferrer.InferAsync(path, cancellationToken: Ct);
        Assert.Equal(new ColumnSchema("b", ColumnType.Numeric, true), schema.Get("b"));
    }

    [Fact]
    public async Task InferAsync_Override_ReplacesInferredType()
    {
        var path = _temp.Write("o.csv", "zip,score\n75001,1\n69002,2\n75001,3\n");
        var options = new SchemaInferenceOptions { Overrides = new Dictionary<string, ColumnType> { ["zip"] = ColumnType.Categorical } };
        var schema = await SchemaInferrer.InferAsync(path, options, cancellationToken: Ct);
        Assert.Equal(ColumnType.Categorical, schema.Get("zip").Type);
        Assert.Equal(["69002", "75001"], schema.Get("zip").Categories);
        Assert.Equal(ColumnType.Numeric, schema.Get("score").Type);
    }

    [Fact]
    public async Task InferAsync_OverrideOfUnknownColumn_ThrowsNamingColumnAndFile()
    {
        var path = _temp.Write("o.csv", "a\n1\n");
        var options = new SchemaInferenceOptions { Overrides = new Dictionary<string, ColumnType> { ["nope"] = ColumnType.Text } };
        var ex = await Assert.ThrowsAsync<GyreException>(() => SchemaInferrer.InferAsync(path, options, cancellationToken: Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("o.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferAsync_MaxRows_LooksOnlyAtThatManyRows()
    {
        var path = _temp.Write("late.csv", "x\n1\n2\nabc\n");
        var schema = await SchemaInferrer.InferAsync(path, new SchemaInferenceOptions { MaxRows = 2 }, cancellationToken: Ct);
        Assert.Equal(ColumnType.Numeric, schema.Get("x").Type);
        var full = await SchemaInferrer.InferAsync(path, cancellationToken: Ct);
        Assert.Equal(ColumnType.Categorical, full.Get("x").Type);
    }

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2024-02-30", false)]
    [InlineData("2024-01-02T03:04:05.123+02:00", true)]
    [InlineData("01/02/2024", false)]
    [InlineData("2024", false)]
    public void TryParseDateTime_IsoOnly(string text, bool expected) =>
        Assert.Equal(expected, ColumnValueParser.TryParseDateTime(text, out _));

    [Fact]
    public void TryParseDateTime_Offset_ConvertsToUtc()
    {
        Assert.True(ColumnValueParser.TryParseDateTime("2024-01-02T03:04:05+02:00", out var value));
        Assert.Equal(new DateTime(2024, 1, 2, 1, 4, 5, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }
}
