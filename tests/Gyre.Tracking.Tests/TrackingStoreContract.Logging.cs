using Gyre.Core;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    [Fact]
    public async Task LogBatch_MetricsParamsTags_AreVisibleInGetRun()
    {
        var info = await CreateRunAsync();

        await Store.LogBatchAsync(
            info.RunId,
            [PointAt("loss", 0.9, 0), PointAt("acc", 0.5, 0), PointAt("loss", 0.4, 1)],
            [new Param("lr", "0.01"), new Param("depth", "6")],
            [new Tag("stage", "dev")],
            Ct);
        var run = await Store.GetRunAsync(info.RunId, Ct);

        Assert.Equal([PointAt("acc", 0.5, 0), PointAt("loss", 0.4, 1)], run.Data.Metrics.OrderBy(m => m.Key));
        Assert.Equal([new Param("depth", "6"), new Param("lr", "0.01")], run.Data.Params.OrderBy(p => p.Key));
        Assert.Contains(new Tag("stage", "dev"), run.Data.Tags);
    }

    [Fact]
    public async Task LogBatch_EmptyBatch_ChangesNothing()
    {
        var info = await CreateRunAsync();
        var before = await Store.GetRunAsync(info.RunId, Ct);

        await Store.LogBatchAsync(info.RunId, [], [], [], Ct);

        Assert.Equal(before, await Store.GetRunAsync(info.RunId, Ct), RunComparer.Instance);
    }

    [Fact]
    public async Task LogBatch_UnknownRun_ThrowsNotFound()
    {
        var id = RunId.New();

        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.LogMetricAsync(id, PointAt("m", 1, 0), Ct));

        Assert.Equal($"Run with id={id.Value} not found", error.Message);
    }

    [Fact]
    public async Task LogBatch_DeletedRun_ThrowsInvalidStateWithMlflowMessage()
    {
        var info = await CreateRunAsync();
        await Store.DeleteRunAsync(info.RunId, Ct);

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Store.SetTagAsync(info.RunId, new Tag("k", "v"), Ct));

        Assert.Equal($"The run {info.RunId.Value} must be in the 'active' state. Current state is deleted.", error.Message);
    }

    [Fact]
    public async Task LogParam_SameValueAgain_IsAccepted()
    {
        var info = await CreateRunAsync();
        await Store.LogParamAsync(info.RunId, new Param("lr", "0.1"), Ct);

        await Store.LogParamAsync(info.RunId, new Param("lr", "0.1"), Ct);

        Assert.Equal([new Param("lr", "0.1")], (await Store.GetRunAsync(info.RunId, Ct)).Data.Params);
    }

    [Fact]
    public async Task LogParam_ChangedValue_ThrowsInvalidInputWithMlflowMessage()
    {
        var info = await CreateRunAsync();
        await Store.LogParamAsync(info.RunId, new Param("lr", "a"), Ct);

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.LogParamAsync(info.RunId, new Param("lr", "b"), Ct));

        Assert.Equal(
            $"Changing param values is not allowed. Param with key='lr' was already logged with value='a' for run ID='{info.RunId.Value}'. " +
            "Attempted logging new value 'b'.",
            error.Message);
        Assert.Equal([new Param("lr", "a")], (await Store.GetRunAsync(info.RunId, Ct)).Data.Params);
    }

    [Fact]
    public async Task LogBatch_DuplicateParamKeys_ThrowsInvalidInput()
    {
        var info = await CreateRunAsync();

        var error = await AssertThrowsGyreAsync(
            ErrorKind.InvalidInput,
            () => Store.LogBatchAsync(info.RunId, [], [new Param("a", "1"), new Param("b", "1"), new Param("a", "1")], [], Ct));

        Assert.StartsWith("Duplicate parameter keys have been submitted: ['a']", error.Message, StringComparison.Ordinal);
        Assert.Empty((await Store.GetRunAsync(info.RunId, Ct)).Data.Params);
    }

    [Fact]
    public async Task LogBatch_SameTagTwice_LastValueWins()
    {
        var info = await CreateRunAsync();
        await Store.SetTagAsync(info.RunId, new Tag("k", "old"), Ct);

        await Store.LogBatchAsync(info.RunId, [], [], [new Tag("k", "first"), new Tag("k", "last")], Ct);

        var tags = (await Store.GetRunAsync(info.RunId, Ct)).Data.Tags;
        Assert.Equal([new Tag("k", "last")], tags.Where(t => t.Key == "k"));
    }

    [Fact]
    public async Task LogBatch_RunNameTag_RenamesRun()
    {
        var info = await CreateRunAsync(name: "before");

        await Store.SetTagAsync(info.RunId, new Tag("mlflow.runName", "after"), Ct);

        Assert.Equal("after", (await Store.GetRunAsync(info.RunId, Ct)).Info.RunName);
    }

    [Theory]
    [InlineData(1001, 0, 0, "1000 metrics")]
    [InlineData(0, 101, 0, "100 params")]
    [InlineData(0, 0, 101, "100 tags")]
    [InlineData(1000, 1, 0, "1000 metrics, params, and tags in total")]
    public async Task LogBatch_OverBatchLimit_ThrowsInvalidInputAndWritesNothing(int metricCount, int paramCount, int tagCount, string limitText)
    {
        var info = await CreateRunAsync();
        var metrics = Enumerable.Range(0, metricCount).Select(i => PointAt("m", i, i)).ToList();
        var parameters = Enumerable.Range(0, paramCount).Select(i => new Param($"p{i}", "v")).ToList();
        var tags = Enumerable.Range(0, tagCount).Select(i => new Tag($"t{i}", "v")).ToList();

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.LogBatchAsync(info.RunId, metrics, parameters, tags, Ct));

        Assert.Contains($"at most {limitText}", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.GetMetricHistoryAsync(info.RunId, "m", Ct));
        Assert.Empty((await Store.GetRunAsync(info.RunId, Ct)).Data.Params);
    }

    [Fact]
    public async Task LogBatch_AtBatchLimits_IsAccepted()
    {
        var info = await CreateRunAsync();
        var metrics = Enumerable.Range(0, 800).Select(i => PointAt("m", i, i)).ToList();
        var parameters = Enumerable.Range(0, 100).Select(i => new Param($"p{i}", "v")).ToList();
        var tags = Enumerable.Range(0, 100).Select(i => new Tag($"t{i}", "v")).ToList();

        await Store.LogBatchAsync(info.RunId, metrics, parameters, tags, Ct);

        Assert.Equal(800, (await Store.GetMetricHistoryAsync(info.RunId, "m", Ct)).Count);
        Assert.Equal(100, (await Store.GetRunAsync(info.RunId, Ct)).Data.Params.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a?b")]
    [InlineData("semi;colon")]
    [InlineData("../x")]
    [InlineData("a/../b")]
    [InlineData("./x")]
    [InlineData("/x")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("..")]
    public async Task LogBatch_InvalidKey_ThrowsInvalidInputNamingTheField(string key)
    {
        var info = await CreateRunAsync();

        var metricError = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.LogBatchAsync(info.RunId, [PointAt("ok", 1, 0), PointAt(key, 1, 0)], [], [], Ct));
        var paramError = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.LogParamAsync(info.RunId, new Param(key, "v"), Ct));
        var tagError = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SetTagAsync(info.RunId, new Tag(key, "v"), Ct));

        Assert.Contains("metrics[1].key", metricError.Message, StringComparison.Ordinal);
        Assert.Contains("params[0].key", paramError.Message, StringComparison.Ordinal);
        Assert.Contains("tags[0].key", tagError.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.b-c_d e:f/g")]
    [InlineData("train/loss")]
    [InlineData("Ünïcode_wörd")]
    public async Task LogBatch_ValidUnusualKey_IsAccepted(string key)
    {
        var info = await CreateRunAsync();

        await Store.LogBatchAsync(info.RunId, [PointAt(key, 1, 0)], [new Param(key, "v")], [new Tag(key, "v")], Ct);

        Assert.Single(await Store.GetMetricHistoryAsync(info.RunId, key, Ct));
    }

    [Fact]
    public async Task LogBatch_KeyLengthLimit_Is250Characters()
    {
        var info = await CreateRunAsync();

        await Store.LogParamAsync(info.RunId, new Param(new string('k', 250), "v"), Ct);
        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.LogParamAsync(info.RunId, new Param(new string('k', 251), "v"), Ct));

        Assert.Equal("'params[0].key' exceeds the maximum length of 250 characters", error.Message);
    }

    [Fact]
    public async Task LogParam_ValueLengthLimit_Is6000Characters()
    {
        var info = await CreateRunAsync();

        await Store.LogParamAsync(info.RunId, new Param("ok", new string('v', 6000)), Ct);
        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.LogParamAsync(info.RunId, new Param("long", new string('v', 6001)), Ct));

        Assert.Equal("'params[0].value' exceeds the maximum length of 6000 characters", error.Message);
        Assert.Equal(6000, (await Store.GetRunAsync(info.RunId, Ct)).Data.Params.Single().Value.Length);
    }

    [Fact]
    public async Task SetTag_ValueLengthLimit_Is8000Characters()
    {
        var info = await CreateRunAsync();

        await Store.SetTagAsync(info.RunId, new Tag("ok", new string('v', 8000)), Ct);
        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SetTagAsync(info.RunId, new Tag("long", new string('v', 8001)), Ct));

        Assert.Equal("'tags[0].value' exceeds the maximum length of 8000 characters", error.Message);
    }

    [Fact]
    public async Task LogMetric_NegativeTimestamp_ThrowsInvalidInput()
    {
        var info = await CreateRunAsync();

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.LogMetricAsync(info.RunId, new Metric("m", 1, -1), Ct));
    }

    [Fact]
    public async Task LogBatch_ErrorAfterSomeWrites_LeavesNothingWritten()
    {
        var info = await CreateRunAsync();
        await Store.LogParamAsync(info.RunId, new Param("fixed", "1"), Ct);
        var before = await Store.GetRunAsync(info.RunId, Ct);

        // The metrics and the first param are written before the changed param is detected.
        await AssertThrowsGyreAsync(
            ErrorKind.InvalidInput,
            () => Store.LogBatchAsync(
                info.RunId,
                [PointAt("loss", 0.1, 5), PointAt("acc", 0.9, 5)],
                [new Param("new", "x"), new Param("fixed", "2")],
                [new Tag("stage", "prod")],
                Ct));

        Assert.Equal(before, await Store.GetRunAsync(info.RunId, Ct), RunComparer.Instance);
        Assert.Empty(await Store.GetMetricHistoryAsync(info.RunId, "loss", Ct));
        Assert.Empty(await Store.GetMetricHistoryAsync(info.RunId, "acc", Ct));
    }

    [Fact]
    public async Task GetRun_LatestMetric_IsGreatestStepThenTimestampThenValue()
    {
        var info = await CreateRunAsync();

        await Store.LogBatchAsync(
            info.RunId,
            [
                new Metric("by_step", 1, Timestamp: 900, Step: 2), new Metric("by_step", 9, Timestamp: 999, Step: 1),
                new Metric("by_time", 1, Timestamp: 500, Step: 3), new Metric("by_time", 9, Timestamp: 400, Step: 3),
                new Metric("by_value", 2, Timestamp: 500, Step: 3), new Metric("by_value", 1, Timestamp: 500, Step: 3),
            ],
            [],
            [],
            Ct);
        // Later batches only replace the latest point when they are greater by the same rule.
        await Store.LogBatchAsync(
            info.RunId,
            [new Metric("by_step", 100, Timestamp: 9999, Step: 0), new Metric("by_time", 7, Timestamp: 501, Step: 3)],
            [],
            [],
            Ct);
        var latest = (await Store.GetRunAsync(info.RunId, Ct)).Data.Metrics.ToDictionary(m => m.Key);

        Assert.Equal(new Metric("by_step", 1, 900, 2), latest["by_step"]);
        Assert.Equal(new Metric("by_time", 7, 501, 3), latest["by_time"]);
        Assert.Equal(new Metric("by_value", 2, 500, 3), latest["by_value"]);
    }

    [Fact]
    public async Task LogBatch_ThousandDistinctKeys_KeepsTheLatestPointOfEach()
    {
        var info = await CreateRunAsync();
        var metrics = Enumerable.Range(0, 1000).Select(i => PointAt($"k{i:D4}", i, i % 7)).ToList();

        await Store.LogBatchAsync(info.RunId, metrics, [], [], Ct);
        // Earlier steps of every key: logged later, but not the latest points.
        await Store.LogBatchAsync(info.RunId, metrics.Select(m => m with { Value = -m.Value, Step = m.Step - 1 }).ToList(), [], [], Ct);

        Assert.Equal(metrics, (await Store.GetRunAsync(info.RunId, Ct)).Data.Metrics);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    public async Task LogMetric_SpecialValue_RoundTripsThroughHistoryAndLatest(double value)
    {
        var info = await CreateRunAsync();

        await Store.LogMetricAsync(info.RunId, new Metric("m", value, 10, 1), Ct);
        var history = await Store.GetMetricHistoryAsync(info.RunId, "m", Ct);
        var latest = (await Store.GetRunAsync(info.RunId, Ct)).Data.Metrics.Single();

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(history.Single().Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(latest.Value));
    }

    [Fact]
    public async Task GetMetricHistory_ManyPoints_ReturnsEveryPointOrderedByStepThenTimestamp()
    {
        var info = await CreateRunAsync();
        Metric[] points = [new("m", 1, 30, 2), new("m", 2, 10, 0), new("m", 3, 20, 2), new("m", 4, 5, 1), new("other", 5, 1, 0)];

        await Store.LogBatchAsync(info.RunId, points[..2], [], [], Ct);
        await Store.LogBatchAsync(info.RunId, points[2..], [], [], Ct);
        await Store.LogMetricAsync(info.RunId, new Metric("m", 2, 10, 0), Ct);
        var history = await Store.GetMetricHistoryAsync(info.RunId, "m", Ct);

        Assert.Equal(
            [new Metric("m", 2, 10, 0), new Metric("m", 2, 10, 0), new Metric("m", 4, 5, 1), new Metric("m", 3, 20, 2), new Metric("m", 1, 30, 2)],
            history);
    }

    [Fact]
    public async Task GetMetricHistory_UnknownKey_ReturnsEmpty()
    {
        var info = await CreateRunAsync();

        Assert.Empty(await Store.GetMetricHistoryAsync(info.RunId, "never", Ct));
    }

    [Fact]
    public async Task GetMetricHistory_UnknownRun_ThrowsNotFound()
        => await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetMetricHistoryAsync(RunId.New(), "m", Ct));

    [Fact]
    public async Task LogMetric_ManyConcurrentWriters_KeepsEveryPointAndTheTrueLatest()
    {
        const int writers = 6;
        const int pointsPerWriter = 40;
        var info = await CreateRunAsync();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(
            async () =>
            {
                for (var i = 0; i < pointsPerWriter; i++)
                {
                    var step = (i * writers) + writer;
                    await Store.LogMetricAsync(info.RunId, new Metric("loss", step, 1_000 + step, step), Ct);
                    await Store.LogParamAsync(info.RunId, new Param($"p{step}", "v"), Ct);
                }
            },
            Ct)));
        var history = await Store.GetMetricHistoryAsync(info.RunId, "loss", Ct);
        var run = await Store.GetRunAsync(info.RunId, Ct);

        Assert.Equal(Enumerable.Range(0, writers * pointsPerWriter).Select(s => (long)s), history.Select(m => m.Step));
        Assert.Equal((writers * pointsPerWriter) - 1, run.Data.Metrics.Single().Step);
        Assert.Equal(writers * pointsPerWriter, run.Data.Params.Count);
    }

    [Fact]
    public async Task CreateExperimentAndRun_ConcurrentCallers_AllSucceedWithDistinctIds()
    {
        var experiments = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.CreateExperimentAsync($"e{i}", null, Ct), Ct)));
        var runs = await Task.WhenAll(experiments.Select(e => Task.Run(() => CreateRunAsync(e), Ct)));

        Assert.Equal(8, experiments.Distinct().Count());
        Assert.Equal(8, runs.Select(r => r.RunId).Distinct().Count());
    }
}
