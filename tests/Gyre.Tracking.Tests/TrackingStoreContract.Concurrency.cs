using Gyre.Core;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    [Fact]
    public async Task LogBatch_EightWritersTenThousandPointsEach_LoseAndDuplicateNothing()
    {
        const int writers = 8;
        const int pointsPerWriter = 10_000;
        const int batchSize = 1_000;
        var shared = await CreateRunAsync(name: "shared");
        var own = new RunInfo[writers];
        for (var w = 0; w < writers; w++)
        {
            own[w] = await CreateRunAsync(name: $"own-{w}");
        }

        // Writer w logs step s with value w * pointsPerWriter + s to its own run and to the shared run,
        // alternating between them batch by batch, so every point is identifiable.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(
            async () =>
            {
                for (var start = 0; start < pointsPerWriter; start += batchSize)
                {
                    var batch = Enumerable.Range(start, batchSize)
                        .Select(s => new Metric("loss", (w * pointsPerWriter) + s, 1_000 + s, s))
                        .ToList();
                    await Store.LogBatchAsync(own[w].RunId, batch, [], [], Ct);
                    await Store.LogBatchAsync(shared.RunId, batch, [], [], Ct);
                }
            },
            Ct)));

        var sharedHistory = await Store.GetMetricHistoryAsync(shared.RunId, "loss", Ct);
        Assert.Equal(writers * pointsPerWriter, sharedHistory.Count);
        Assert.Equal(
            Enumerable.Range(0, writers * pointsPerWriter).Select(v => (double)v),
            sharedHistory.Select(m => m.Value).Order());
        // Latest = greatest step, then timestamp, then value: the last step of the highest-numbered writer.
        var expectedLatest = new Metric("loss", ((writers - 1) * pointsPerWriter) + pointsPerWriter - 1, 1_000 + pointsPerWriter - 1, pointsPerWriter - 1);
        Assert.Equal([expectedLatest], (await Store.GetRunAsync(shared.RunId, Ct)).Data.Metrics);
        for (var w = 0; w < writers; w++)
        {
            var history = await Store.GetMetricHistoryAsync(own[w].RunId, "loss", Ct);
            Assert.Equal(Enumerable.Range(0, pointsPerWriter).Select(s => (double)((w * pointsPerWriter) + s)), history.Select(m => m.Value));
            Assert.Equal(
                new Metric("loss", (w * pointsPerWriter) + pointsPerWriter - 1, 1_000 + pointsPerWriter - 1, pointsPerWriter - 1),
                Assert.Single((await Store.GetRunAsync(own[w].RunId, Ct)).Data.Metrics));
        }
    }

    [Fact]
    public async Task LogParam_ConcurrentWritersWithDifferentValues_ExactlyOneValueWins()
    {
        const int writers = 8;
        var info = await CreateRunAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(
            async () =>
            {
                try
                {
                    await Store.LogBatchAsync(info.RunId, [PointAt("m", w, w)], [new Param("seed", $"{w}"), new Param($"own{w}", "x")], [], Ct);
                    return (Writer: w, Error: (GyreException?)null);
                }
                catch (GyreException e)
                {
                    return (Writer: w, Error: e);
                }
            },
            Ct)));

        var winner = Assert.Single(outcomes, o => o.Error is null);
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Equal(ErrorKind.InvalidInput, o.Error!.Kind));
        var run = await Store.GetRunAsync(info.RunId, Ct);
        Assert.Equal([new Param($"own{winner.Writer}", "x"), new Param("seed", $"{winner.Writer}")], run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal([PointAt("m", winner.Writer, winner.Writer)], await Store.GetMetricHistoryAsync(info.RunId, "m", Ct));
    }

    [Fact]
    public async Task LogParam_ConcurrentWritersWithTheSameValue_AllSucceed()
    {
        var info = await CreateRunAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.LogParamAsync(info.RunId, new Param("seed", "42"), Ct), Ct)));

        Assert.Equal([new Param("seed", "42")], (await Store.GetRunAsync(info.RunId, Ct)).Data.Params);
    }

    [Fact]
    public async Task SetTagAndRename_ConcurrentWriters_AllSucceedAndTheNameMatchesTheTag()
    {
        var info = await CreateRunAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(
            () => Store.LogBatchAsync(info.RunId, [], [], [new Tag("mlflow.runName", $"name-{w}"), new Tag("shared", $"{w}")], Ct),
            Ct)));
        var run = await Store.GetRunAsync(info.RunId, Ct);

        Assert.Contains(new Tag("mlflow.runName", run.Info.RunName), run.Data.Tags);
        Assert.Matches("^name-[0-7]$", run.Info.RunName);
    }
}
