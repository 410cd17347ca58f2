using Gyre.Core;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Profiles;

namespace Gyre.Monitoring.Tests.Profiles;

public sealed class DatasetSketchTests : IDisposable
{
    private const double RankErrorBound = 0.0165;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"gyre-profiles-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Build_MixedColumns_CountsMissingAndSketches()
    {
        var frame = new MonitoredFrame([
            new NumericColumn("amount", [1.0, double.NaN, 3.0, 3.0, double.PositiveInfinity]),
            new CategoricalColumn("country", ["fr", null, "de", "fr", "fr"]),
        ]);

        var sketch = DatasetSketch.Build(frame);

        Assert.Equal(1, sketch.FormatVersion);
        Assert.Equal(5, sketch.RowCount);
        var amount = sketch.Find("amount")!;
        Assert.Equal(DriftColumnKind.Numerical, amount.Kind);
        Assert.Equal(5, amount.Count);
        Assert.Equal(2, amount.Missing);
        Assert.Equal(7.0 / 3.0, amount.Moments!.Mean, 12);
        Assert.Equal([new KeyValuePair<double, long>(1.0, 1), new KeyValuePair<double, long>(3.0, 2)], amount.DiscreteCounts());
        var country = sketch.Find("country")!;
        Assert.Equal(DriftColumnKind.Categorical, country.Kind);
        Assert.Equal(1, country.Missing);
        Assert.Equal(3, country.FrequentItems!.LowerBound("fr"));
        Assert.Equal(2.0, country.Distinct.Estimate(), 1);
        Assert.Null(country.Moments);
    }

    [Fact]
    public void Merge_TwentyFourHourlySketches_SameCountsAndMomentsAsOneBuild()
    {
        const int Rows = 240_000;
        var frame = Frame(Rows, seed: 5);
        var hourly = new List<DatasetSketch>();
        for (var hour = 0; hour < 24; hour++)
        {
            var window = Slice(frame, hour * (Rows / 24), Rows / 24);
            hourly.Add(DatasetSketch.Build(window, new SketchOptions(Seed: (ulong)hour, WindowStartMs: hour * 3_600_000L, WindowEndMs: (hour + 1) * 3_600_000L)));
        }

        var merged = DatasetSketch.MergeAll(hourly);
        var whole = DatasetSketch.Build(frame);

        Assert.Equal(whole.RowCount, merged.RowCount);
        Assert.Equal(0L, merged.WindowStartMs);
        Assert.Equal(24 * 3_600_000L, merged.WindowEndMs);
        for (var i = 0; i < whole.Columns.Count; i++)
        {
            var expected = whole.Columns[i];
            var actual = merged.Columns[i];
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected.Missing, actual.Missing);
            Assert.Equal(expected.Distinct.ToJson(), actual.Distinct.ToJson());
            if (expected.Kind == DriftColumnKind.Categorical)
            {
                Assert.Equal(expected.FrequentItems!.Items, actual.FrequentItems!.Items);
                continue;
            }

            Assert.Equal(expected.Moments!.Count, actual.Moments!.Count);
            Assert.Equal(expected.Moments.Mean, actual.Moments.Mean, 1e-12 * Math.Abs(expected.Moments.Mean));
            Assert.Equal(expected.Moments.M2, actual.Moments.M2, 1e-12 * expected.Moments.M2);
            Assert.Equal(expected.Moments.Min, actual.Moments.Min);
            Assert.Equal(expected.Quantiles!.Max, actual.Quantiles!.Max);
            Assert.Equal(expected.DiscreteCounts(), actual.DiscreteCounts());
            var sorted = FiniteValues.Sorted(((NumericColumn)frame.Columns[i]).Values);
            Assert.True(SketchSamples.MaxRankError(actual.Quantiles.Rank, sorted) <= RankErrorBound);
        }
    }

    [Fact]
    public void Merge_AnyOrderOrGrouping_SameCounts()
    {
        var parts = Enumerable.Range(0, 3).Select(p => DatasetSketch.Build(Frame(5_000, seed: p))).ToArray();

        var leftFirst = parts[0].Merge(parts[1]).Merge(parts[2]);
        var rightFirst = parts[2].Merge(parts[1].Merge(parts[0]));

        for (var i = 0; i < leftFirst.Columns.Count; i++)
        {
            var a = leftFirst.Columns[i];
            var b = rightFirst.Columns[i];
            Assert.Equal(a.Count, b.Count);
            Assert.Equal(a.Missing, b.Missing);
            Assert.Equal(a.Distinct.ToJson(), b.Distinct.ToJson());
            Assert.Equal(a.Quantiles?.Count, b.Quantiles?.Count);
            Assert.Equal(a.Quantiles?.Min, b.Quantiles?.Min);
            Assert.Equal(a.DiscreteCounts(), b.DiscreteCounts());
            Assert.Equal(a.FrequentItems?.Items, b.FrequentItems?.Items);
        }
    }

    [Fact]
    public void Merge_DifferentKinds_ThrowsInvalidInputNamingColumn()
    {
        var numeric = DatasetSketch.Build(new MonitoredFrame([new NumericColumn("zip", [1.0])]));
        var categorical = DatasetSketch.Build(new MonitoredFrame([new CategoricalColumn("zip", ["75001"])]));

        var error = Assert.Throws<GyreException>(() => numeric.Merge(categorical));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'zip'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_DifferentNames_ThrowsInvalidInputNamingColumn()
    {
        var a = DatasetSketch.Build(new MonitoredFrame([new NumericColumn("age", [1.0])]));
        var b = DatasetSketch.Build(new MonitoredFrame([new NumericColumn("income", [1.0])]));
        var c = DatasetSketch.Build(new MonitoredFrame([new NumericColumn("age", [1.0]), new NumericColumn("tenure", [2.0])]));

        Assert.Contains("'income'", Assert.Throws<GyreException>(() => a.Merge(b)).Message, StringComparison.Ordinal);
        Assert.Contains("'tenure'", Assert.Throws<GyreException>(() => a.Merge(c)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_RoundTrip_SameProfile()
    {
        var sketch = DatasetSketch.Build(Frame(20_000, seed: 3), new SketchOptions(WindowStartMs: 10, WindowEndMs: 20));

        var json = sketch.ToJson();
        var restored = DatasetSketch.FromJson(json);

        Assert.Equal(json, restored.ToJson());
        Assert.Contains("\"format_version\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"window_start_ms\":10", json, StringComparison.Ordinal);
        Assert.Equal(sketch.Columns[0].Quantiles!.Quantile(0.25), restored.Columns[0].Quantiles!.Quantile(0.25));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"format_version":99,"row_count":0,"columns":[]}""")]
    [InlineData("""{"format_version":1,"row_count":3}""")]
    [InlineData("""{"format_version":1,"row_count":1,"columns":[{"name":"a","kind":"text","count":1,"missing":0}]}""")]
    [InlineData("""{"format_version":1,"row_count":1,"columns":[{"name":"a","kind":"categorical","count":1,"missing":0,"distinct":{"lg_k":12,"registers":"!!"}}]}""")]
    [InlineData("""{"format_version":1,"row_count":2,"columns":[{"name":"a","kind":"categorical","count":1,"missing":0,"distinct":{"lg_k":4,"registers":"AAAAAAAAAAAAAAAAAAAAAA=="},"frequent_items":{"capacity":4,"total_count":1,"maximum_error":0,"items":[{"item":"x","count":1}]}}]}""")]
    [InlineData("""{"format_version":1,"row_count":1,"columns":[{"name":"a","kind":"numerical","count":1,"missing":0,"distinct":{"lg_k":4,"registers":"AAAAAAAAAAAAAAAAAAAAAA=="},"moments":{"count":1,"mean":1,"m2":0,"min":1,"max":1},"quantiles":{"k":200,"seed":-1,"compactions":0,"count":1,"min":1,"max":1,"levels":[[1]]}}]}""")]
    public void FromJson_Bad_ThrowsInvalidInputNamingSource(string json)
    {
        var error = Assert.Throws<GyreException>(() => DatasetSketch.FromJson(json, "ref.profile.json"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("ref.profile.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_ThenLoadAsync_SameProfileNoTemporaryFileLeft()
    {
        var path = Path.Combine(_folder, "nested", "reference.profile.json");
        var sketch = DatasetSketch.Build(Frame(3_000, seed: 1));

        await sketch.SaveAsync(path, TestContext.Current.CancellationToken);
        await sketch.SaveAsync(path, TestContext.Current.CancellationToken);
        var loaded = await DatasetSketch.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(sketch.ToJson(), loaded.ToJson());
        Assert.Equal(["reference.profile.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<GyreException>(
            () => DatasetSketch.LoadAsync(Path.Combine(_folder, "absent.json"), TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("absent.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_CorruptFile_ThrowsInvalidInputNamingFile()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(path, "[1,2", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<GyreException>(() => DatasetSketch.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Stated bounds: a 10⁶-row continuous numeric column's profile serializes to under 32 KiB with k = 200 and under
    /// 96 KiB with the default k = 1024, and 10× more rows grow it by less than 20 %.
    /// </summary>
    [Theory]
    [InlineData(200, 32 * 1024)]
    [InlineData(SketchOptions.DefaultKllK, 96 * 1024)]
    public void ToJson_MillionRowNumericColumn_StaysSmall(int k, int bound)
    {
        var values = SketchSamples.Create(SketchSamples.Normal, 1_000_000, 2);
        var options = new SketchOptions(KllK: k);
        var small = DatasetSketch.Build(new MonitoredFrame([new NumericColumn("x", values[..100_000])]), options);
        var large = DatasetSketch.Build(new MonitoredFrame([new NumericColumn("x", values)]), options);

        var smallSize = small.ToJson().Length;
        var largeSize = large.ToJson().Length;

        Assert.True(largeSize < bound, $"1M-row profile is {largeSize} bytes");
        Assert.True(largeSize < smallSize * 1.2, $"10× more rows grew the profile from {smallSize} to {largeSize} bytes");
        Assert.Null(large.Columns[0].DiscreteValues);
    }

    [Fact]
    public void Build_BadOptions_ThrowsInvalidInput()
    {
        var frame = Frame(10, seed: 1);

        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => DatasetSketch.Build(frame, new SketchOptions(KllK: 2))).Kind);
        Assert.Equal(
            ErrorKind.InvalidInput,
            Assert.Throws<GyreException>(() => DatasetSketch.Build(frame, new SketchOptions(WindowStartMs: 5, WindowEndMs: 1))).Kind);
    }

    /// <summary>A continuous column with missing values, a discrete numeric column and a categorical column.</summary>
    internal static MonitoredFrame Frame(int rows, int seed, double shift = 0.0)
    {
        var random = new Random(seed);
        var amount = new double[rows];
        var items = new double[rows];
        var channel = new string?[rows];
        string[] channels = ["web", "app", "store", "phone", "partner"];
        for (var i = 0; i < rows; i++)
        {
            amount[i] = random.Next(50) == 0 ? double.NaN : shift + (100 * Math.Exp(SketchSamples.StandardNormal(random)));
            items[i] = random.Next(1, 8);
            channel[i] = random.Next(40) == 0 ? null : channels[Math.Min(random.Next(6), 4)];
        }

        return new MonitoredFrame([new NumericColumn("amount", amount), new NumericColumn("items", items), new CategoricalColumn("channel", channel)]);
    }

    private static MonitoredFrame Slice(MonitoredFrame frame, int start, int length) =>
        new([.. frame.Columns.Select<MonitoredColumn, MonitoredColumn>(column => column switch
        {
            NumericColumn numeric => new NumericColumn(numeric.Name, numeric.Values[start..(start + length)]),
            CategoricalColumn categorical => new CategoricalColumn(categorical.Name, categorical.Values[start..(start + length)]),
            _ => throw new ArgumentOutOfRangeException(nameof(frame)),
        })]);
}
