using System.Globalization;
using Gyre.Cli.Tests.Support;
using Gyre.Data.Loading;
using Gyre.Monitoring.Profiles;
using Gyre.Pipelines.Monitoring;

namespace Gyre.Cli.Tests.Monitor;

/// <summary>`gyre monitor profile` and profiles as --reference/--current: streaming chunks, merging, drift from profiles.</summary>
public sealed class MonitorProfileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> SynthAsync(CliRunner cli, string name, int rows, int seed, string drift = "none")
    {
        await cli.RunOkAsync("data", "synth", "fraud", "--rows", rows.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--drift", drift, "--output", name);
        return Path.Combine(cli.WorkingDirectory, name);
    }

    [Fact]
    public async Task ProfileAsync_FileLongerThanAChunk_SameCountsAndMomentsAsOneBuildOnAllRows()
    {
        var cli = _folder.Cli();
        var path = await SynthAsync(cli, "big.csv", StreamingProfiler.ChunkRows + 4321, 3);

        var streamed = await StreamingProfiler.ProfileAsync(path, null, Ct);
        var whole = DatasetSketch.Build(MonitoredFrames.FromTable(await TableLoader.LoadAsync(path, null, Ct)));

        Assert.Equal(whole.RowCount, streamed.RowCount);
        Assert.Equal(whole.Columns.Select(c => c.Name), streamed.Columns.Select(c => c.Name));
        foreach (var (one, chunked) in whole.Columns.Zip(streamed.Columns))
        {
            Assert.Equal(one.Count, chunked.Count);
            Assert.Equal(one.Missing, chunked.Missing);
            if (one.Moments is { } moments)
            {
                Assert.Equal(moments.Mean, chunked.Moments!.Mean, 1e-9 * Math.Max(1, Math.Abs(moments.Mean)));
                Assert.Equal(moments.Min, chunked.Moments.Min);
                Assert.Equal(moments.Max, chunked.Moments.Max);
            }
            else if (one.FrequentItems!.IsExact)
            {
                // Categories that fit the sketch are counted exactly, chunked or not.
                Assert.Equal(one.FrequentItems.Items.OrderBy(i => i.Item, StringComparer.Ordinal), chunked.FrequentItems!.Items.OrderBy(i => i.Item, StringComparer.Ordinal));
            }
            else
            {
                Assert.Equal(one.FrequentItems.TotalCount, chunked.FrequentItems!.TotalCount);
            }
        }
    }

    [Fact]
    public async Task Profile_ThreeHourlyFilesMergedThenReport_DriftFromProfilesMatchesTheFile()
    {
        var cli = _folder.Cli();
        var reference = await SynthAsync(cli, "reference.csv", 3000, 1);
        var hours = new List<string>();
        for (var hour = 0; hour < 3; hour++)
        {
            hours.Add(await SynthAsync(cli, $"hour{hour}.csv", 1000, 10 + hour, "covariate"));
            await cli.RunOkAsync("monitor", "profile", $"hour{hour}.csv", "--out", $"hour{hour}.json");
        }

        var merged = (await cli.RunOkAsync("monitor", "profile", "hour0.json", "hour1.json", "hour2.json", "--out", "day.json", "--json")).Json();
        var lines = hours.SelectMany((h, i) => File.ReadLines(h).Skip(i == 0 ? 0 : 1)).ToList();
        await File.WriteAllLinesAsync(Path.Combine(cli.WorkingDirectory, "day.csv"), lines, Ct);
        var fromProfile = (await cli.RunOkAsync("monitor", "report", "--reference", "reference.csv", "--current", "day.json", "--json")).Json();
        var fromFile = (await cli.RunOkAsync("monitor", "report", "--reference", "reference.csv", "--current", "day.csv", "--json")).Json();

        Assert.Equal(3000, merged["rows"]!.GetValue<long>());
        Assert.Equal(3000, fromProfile["current"]!["rows"]!.GetValue<long>());
        Assert.Empty(fromProfile["performance"]!.AsArray());
        var verdicts = fromFile["drift"]!["columns"]!.AsArray().ToDictionary(c => c!["column"]!.GetValue<string>(), c => c!["drifted"]!.GetValue<bool>());
        var profileVerdicts = fromProfile["drift"]!["columns"]!.AsArray().ToDictionary(c => c!["column"]!.GetValue<string>(), c => c!["drifted"]!.GetValue<bool>());
        Assert.True(profileVerdicts["amount"]);
        foreach (var categorical in new[] { "merchant_category", "channel", "country", "device_type" })
        {
            // Frequent items are exact at these cardinalities: the same verdict as on the rows.
            Assert.Equal(verdicts[categorical], profileVerdicts[categorical]);
        }
    }

    [Fact]
    public async Task Profile_InputsWithDifferentColumns_FailsNamingTheColumnAndWritesNothing()
    {
        var cli = _folder.Cli();
        await SynthAsync(cli, "a.csv", 200, 1);
        var b = await SynthAsync(cli, "b.csv", 200, 2);
        var lines = File.ReadAllLines(b).Select((l, i) => l + (i == 0 ? ",extra" : ",x")).ToList();
        await File.WriteAllLinesAsync(b, lines, Ct);

        var result = await cli.RunAsync("monitor", "profile", "a.csv", "b.csv", "--out", "ab.json");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("extra", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.WorkingDirectory, "ab.json")));
    }
}
