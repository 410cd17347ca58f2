using System.Numerics;
using Gyre.Core;
using Gyre.Server.Tests.Support;
using Gyre.Stores.Postgres;
using Gyre.Stores.Sql;
using Gyre.Stores.Sqlite;
using Gyre.Testing;
using Gyre.Tracking;

namespace Gyre.Server.Tests.Ui;

/// <summary>
/// The metric-series bucket rule, computed in SQL (SQLite and PostgreSQL) and in memory, checked against a brute-force
/// computation written here from the rule's words, on random histories (duplicate and negative steps, shuffled
/// timestamps, ties, NaN).
/// </summary>
public sealed class MetricSeriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_MatchesBruteForce_OnRandomHistories()
    {
        using var folder = new TempFolder();
        using var store = await SqliteTrackingStore.OpenAsync(folder.Combine("gyre.db"), folder.Combine("artifacts"), null, Ct);
        await CheckRandomHistoriesAsync(store, seed: 1);
    }

    [Fact]
    public async Task Postgres_MatchesBruteForce_OnRandomHistories()
    {
        var postgres = await PostgresServer.GetAsync();
        var connection = await postgres.CreateDatabaseAsync(Ct);
        try
        {
            using var folder = new TempFolder();
            using var store = await PostgresTrackingStore.OpenAsync(Api.ConcurrencyTests.PostgresUri(connection), folder.Combine("artifacts"), null, Ct);
            await CheckRandomHistoriesAsync(store, seed: 2);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connection, CancellationToken.None);
        }
    }

    [Fact]
    public void InMemoryFallback_MatchesBruteForce()
    {
        var random = new Random(3);
        for (var round = 0; round < 50; round++)
        {
            var history = RandomHistory(random, random.Next(1, 400));
            foreach (var maxPoints in new[] { 2, 3, 10, 97, history.Count })
            {
                if (maxPoints < MetricSeriesBuckets.MinMaxPoints)
                {
                    continue;
                }

                Assert.Equal(BruteForce(history, maxPoints), MetricSeriesBuckets.Downsample("m", history, maxPoints).Points);
            }
        }
    }

    [Fact]
    public async Task UnknownRun_IsNotFound_AndBadMaxPoints_IsInvalid()
    {
        using var folder = new TempFolder();
        using var store = await SqliteTrackingStore.OpenAsync(folder.Combine("gyre.db"), folder.Combine("artifacts"), null, Ct);
        var run = await store.CreateRunAsync(ExperimentId.Default, "r", "u", 1, null, Ct);

        var missing = await Assert.ThrowsAsync<GyreException>(() => store.ReadMetricSeriesAsync(new RunId("0123456789abcdef0123456789abcdef"), "m", 10, Ct));
        var invalid = await Assert.ThrowsAsync<GyreException>(() => store.ReadMetricSeriesAsync(run.RunId, "m", 1, Ct));
        var empty = await store.ReadMetricSeriesAsync(run.RunId, "no-such-key", 10, Ct);

        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal(ErrorKind.InvalidInput, invalid.Kind);
        Assert.Contains("max_points", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(("no-such-key", 0L, false), (empty.Key, empty.TotalPoints, empty.Downsampled));
        Assert.Empty(empty.Points);
    }

    private static async Task CheckRandomHistoriesAsync(SqlTrackingStore store, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 12; round++)
        {
            var run = await store.CreateRunAsync(ExperimentId.Default, "r" + round, "u", 1, null, Ct);
            var history = RandomHistory(random, random.Next(1, 2500));
            foreach (var chunk in history.Chunk(TrackingValidation.MaxMetricsPerBatch))
            {
                await store.LogBatchAsync(run.RunId, chunk, [], [], Ct);
            }

            foreach (var maxPoints in new[] { 2, 3, 17, 500, Math.Max(2, history.Count - 1), Math.Max(2, history.Count) })
            {
                var series = await store.ReadMetricSeriesAsync(run.RunId, "m", maxPoints, Ct);

                Assert.Equal(history.Count, series.TotalPoints);
                Assert.Equal(history.Count > maxPoints, series.Downsampled);
                Assert.True(series.Points.Count <= maxPoints);
                Assert.Equal(history.Count, series.Points.Sum(p => p.Count));
                Assert.Equal(BruteForce(history, maxPoints), series.Points);
            }
        }
    }

    /// <summary>Points with few distinct steps (ties), sometimes negative, shuffled timestamps with ties, 5% NaN.</summary>
    private static List<Metric> RandomHistory(Random random, int count)
    {
        var stepRange = random.Next(1, 3) == 1 ? random.Next(1, 60) : random.Next(1, 100_000);
        var offset = random.Next(0, 2) == 0 ? 0 : -random.Next(0, 1000);
        return [.. Enumerable.Range(0, count).Select(_ => new Metric(
            "m",
            random.NextDouble() < 0.05 ? double.NaN : Math.Round((random.NextDouble() - 0.5) * 1000, 3),
            1_700_000_000_000L + random.Next(0, 50),
            offset + random.Next(0, stepRange)))];
    }

    /// <summary>The rule in its own words: all points when few enough; else buckets of ⌈span / N⌉ steps from the first step.</summary>
    private static List<MetricSeriesPoint> BruteForce(List<Metric> history, int maxPoints)
    {
        var ordered = history.Select((m, i) => (m, i)).OrderBy(p => p.m.Step).ThenBy(p => p.m.Timestamp).ThenBy(p => p.i).Select(p => p.m).ToList();
        if (ordered.Count <= maxPoints)
        {
            return [.. ordered.Select(m => new MetricSeriesPoint(m.Step, m.Timestamp, m.Value, m.Value, m.Value, 1))];
        }

        var first = ordered.Min(m => m.Step);
        var span = new BigInteger(ordered.Max(m => m.Step)) - first + 1;
        var width = BigInteger.Max(1, (span + maxPoints - 1) / maxPoints);
        var result = new List<MetricSeriesPoint>();
        foreach (var bucket in ordered.GroupBy(m => (new BigInteger(m.Step) - first) / width).OrderBy(g => g.Key))
        {
            var points = bucket.ToList();
            var numbers = points.Where(p => !double.IsNaN(p.Value)).Select(p => p.Value).ToList();
            var last = points[^1];
            result.Add(new MetricSeriesPoint(
                points.Min(p => p.Step), last.Timestamp, last.Value,
                numbers.Count == 0 ? double.NaN : numbers.Min(), numbers.Count == 0 ? double.NaN : numbers.Max(), points.Count));
        }

        Assert.True(result.Count <= maxPoints);
        return result;
    }
}
