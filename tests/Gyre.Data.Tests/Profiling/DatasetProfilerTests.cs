using System.Text.Json;
using Gyre.Data.Profiling;
using Gyre.Data.Tables;

namespace Gyre.Data.Tests.Profiling;

public sealed class DatasetProfilerTests
{
    // Known answers from numpy 1.x (/usr/bin/python3):
    //   x = np.array([3.5,-1.25,7,0,2.75,10.5,4,4,-3,8.125,6,1.5,13.0,-0.5,2.2])
    //   np.quantile(x,[0.01,0.05,0.25,0.5,0.75,0.95,0.99]); x.mean(); x.std(ddof=1); np.histogram(x, bins=10)
    private static readonly double[] Values = [3.5, -1.25, 7, 0, 2.75, 10.5, 4, 4, -3, 8.125, 6, 1.5, 13.0, -0.5, 2.2];
    private static readonly double[] NumpyQuantiles = [-2.755, -1.775, 0.75, 3.5, 6.5, 11.249999999999996, 12.649999999999999];
    private static readonly long[] NumpyCounts = [1, 3, 1, 2, 3, 1, 2, 0, 1, 1];
    private static readonly double[] NumpyEdges = [-3.0, -1.4, 0.20000000000000018, 1.8000000000000007, 3.4000000000000004, 5.0, 6.600000000000001, 8.200000000000001, 9.8, 11.4, 13.0];

    private static DataTable Table()
    {
        var schema = new DatasetSchema(
        [
            new ColumnSchema("x", ColumnType.Numeric),
            new ColumnSchema("city", ColumnType.Categorical),
            new ColumnSchema("ok", ColumnType.Boolean),
            new ColumnSchema("when", ColumnType.DateTime),
        ]);
        var n = Values.Length + 1;
        string?[] cities = [.. Enumerable.Range(0, n).Select(i => i % 4 == 0 ? "b" : i % 4 == 1 ? "a" : i % 4 == 2 ? "c" : null)];
        bool?[] oks = [.. Enumerable.Range(0, n).Select(i => (bool?)(i % 3 == 0))];
        DateTime?[] whens = [.. Enumerable.Range(0, n).Select(i => (DateTime?)new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i))];
        return new DataTable(schema,
        [
            new NumericColumn("x", [.. Values, double.NaN]),
            new StringColumn("city", ColumnType.Categorical, cities),
            new BooleanColumn("ok", oks),
            new DateTimeColumn("when", whens),
        ]);
    }

    [Fact]
    public void Profile_NumericColumn_MatchesNumpy()
    {
        var x = DatasetProfiler.Profile(Table()).Find("x")!;
        Assert.Equal(15, x.Count);
        Assert.Equal(1, x.Missing);
        Assert.Equal(14, x.Distinct);
        Assert.Equal(-3, x.Min);
        Assert.Equal(13, x.Max);
        Assert.Equal(3.855, x.Mean!.Value, 12);
        Assert.Equal(4.448637431843598, x.Std!.Value, 12);
        var q = x.Quantiles!;
        double[] actual = [q.P01, q.P05, q.P25, q.P50, q.P75, q.P95, q.P99];
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(NumpyQuantiles[i], actual[i], 12);
        }

        Assert.Equal(NumpyCounts, x.Histogram!.Counts);
        for (var i = 0; i < NumpyEdges.Length; i++)
        {
            Assert.Equal(NumpyEdges[i], x.Histogram.Edges[i], 12);
        }
    }

    [Fact]
    public void ComputeHistogram_ConstantValues_UsesUnitRangeAsNumpy()
    {
        // np.histogram(np.array([5.0, 5.0]), bins=10) → counts [0,0,0,0,0,2,0,0,0,0], edges 4.5 … 5.5
        var h = DatasetProfiler.ComputeHistogram([5.0, 5.0], 5, 5, 10);
        Assert.Equal([0L, 0, 0, 0, 0, 2, 0, 0, 0, 0], h.Counts);
        Assert.Equal(4.5, h.Edges[0], 12);
        Assert.Equal(5.5, h.Edges[^1], 12);
    }

    [Fact]
    public void Profile_CategoricalAndBoolean_ListTopValuesByCountThenValue()
    {
        var profile = DatasetProfiler.Profile(Table());
        var city = profile.Find("city")!;
        Assert.Equal(12, city.Count);
        Assert.Equal(4, city.Missing);
        Assert.Equal(3, city.Distinct);
        Assert.Equal([new CategoryCount("a", 4), new CategoryCount("b", 4), new CategoryCount("c", 4)], city.TopValues);
        Assert.Null(city.Mean);
        var ok = profile.Find("ok")!;
        Assert.Equal([new CategoryCount("false", 10), new CategoryCount("true", 6)], ok.TopValues);
        var when = profile.Find("when")!;
        Assert.Equal(new DateTime(2024, 1, 16, 0, 0, 0, DateTimeKind.Utc), when.MaxTimestamp);
    }

    [Fact]
    public void Profile_DistinctAboveCap_IsCappedAndFlagged()
    {
        var x = DatasetProfiler.Profile(Table(), new ProfileOptions { MaxDistinct = 5 }).Find("x")!;
        Assert.Equal(5, x.Distinct);
        Assert.True(x.DistinctCapped);
    }

    [Fact]
    public void ToJson_UsesSnakeCaseAndRoundTrips()
    {
        var profile = DatasetProfiler.Profile(Table());
        var json = profile.ToJson();
        using (var doc = JsonDocument.Parse(json))
        {
            Assert.Equal(16, doc.RootElement.GetProperty("row_count").GetInt64());
            var first = doc.RootElement.GetProperty("columns")[0];
            Assert.Equal("numeric", first.GetProperty("type").GetString());
            Assert.True(first.TryGetProperty("distinct_capped", out _));
            Assert.True(doc.RootElement.GetProperty("columns")[1].TryGetProperty("top_values", out _));
        }

        var back = DatasetProfile.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(profile.RowCount, back.RowCount);
        Assert.Equal(profile.Find("x")!.Quantiles, back.Find("x")!.Quantiles);

        // A plain serializer (no shared options) must produce the same snake_case names.
        Assert.Contains("\"row_count\"", JsonSerializer.Serialize(profile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsyncThenLoadAsync_RoundTrips()
    {
        using var temp = new TempFolder();
        var profile = DatasetProfiler.Profile(Table());
        var path = temp.File("profile.json");
        await profile.SaveAsync(path, TestContext.Current.CancellationToken);
        var back = await DatasetProfile.LoadAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(profile.ToJson(), back.ToJson());
    }
}
