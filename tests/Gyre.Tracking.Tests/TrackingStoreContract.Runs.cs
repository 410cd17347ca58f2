using System.Text.RegularExpressions;
using Gyre.Core;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    [Fact]
    public async Task CreateRun_ActiveExperiment_ReturnsRunningRunUnderExperimentLocation()
    {
        var experimentId = await Store.CreateExperimentAsync("churn", null, Ct);
        var experiment = await Store.GetExperimentAsync(experimentId, Ct);

        var info = await Store.CreateRunAsync(experimentId, "smoke", "alice", 1_700_000_000_123, [new Tag("k", "v")], Ct);

        Assert.Matches(new Regex("^[0-9a-f]{32}$"), info.RunId.Value);
        Assert.Equal(experimentId, info.ExperimentId);
        Assert.Equal("smoke", info.RunName);
        Assert.Equal("alice", info.UserId);
        Assert.Equal(RunStatus.Running, info.Status);
        Assert.Equal(1_700_000_000_123, info.StartTime);
        Assert.Null(info.EndTime);
        Assert.Equal(LifecycleStage.Active, info.LifecycleStage);
        Assert.Equal($"{experiment.ArtifactLocation}/{info.RunId.Value}/artifacts", info.ArtifactUri);
        var run = await Store.GetRunAsync(info.RunId, Ct);
        Assert.Equal(info, run.Info);
        Assert.Contains(new Tag("k", "v"), run.Data.Tags);
        Assert.Contains(new Tag("mlflow.runName", "smoke"), run.Data.Tags);
        Assert.Empty(run.Data.Metrics);
        Assert.Empty(run.Data.Params);
        Assert.Empty(run.Inputs);
    }

    [Fact]
    public async Task CreateRun_TwoRuns_GetDistinctIds()
    {
        var first = await CreateRunAsync();
        var second = await CreateRunAsync();

        Assert.NotEqual(first.RunId, second.RunId);
    }

    [Fact]
    public async Task CreateRun_UnknownExperiment_ThrowsNotFound()
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => CreateRunAsync(new ExperimentId("777")));

        Assert.Equal("No Experiment with id=777 exists", error.Message);
    }

    [Fact]
    public async Task CreateRun_NoNameButRunNameTag_TakesNameFromTag()
    {
        var info = await Store.CreateRunAsync(ExperimentId.Default, "", "alice", 1, [new Tag("mlflow.runName", "from-tag")], Ct);

        Assert.Equal("from-tag", info.RunName);
    }

    [Fact]
    public async Task CreateRun_NoNameAtAll_GeneratesNameAndTag()
    {
        var info = await Store.CreateRunAsync(ExperimentId.Default, "", "alice", 1, null, Ct);
        var run = await Store.GetRunAsync(info.RunId, Ct);

        Assert.False(string.IsNullOrWhiteSpace(info.RunName));
        Assert.Contains(new Tag("mlflow.runName", info.RunName), run.Data.Tags);
    }

    [Fact]
    public async Task CreateRun_NameAndDifferentRunNameTag_ThrowsInvalidInput()
        => await AssertThrowsGyreAsync(
            ErrorKind.InvalidInput,
            () => Store.CreateRunAsync(ExperimentId.Default, "a", "alice", 1, [new Tag("mlflow.runName", "b")], Ct));

    [Fact]
    public async Task CreateRun_InvalidTagKey_ThrowsInvalidInput()
        => await AssertThrowsGyreAsync(
            ErrorKind.InvalidInput,
            () => Store.CreateRunAsync(ExperimentId.Default, "a", "alice", 1, [new Tag("bad?key", "v")], Ct));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("nope")]
    public async Task GetRun_UnknownId_ThrowsNotFoundWithMlflowMessage(string id)
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetRunAsync(new RunId(id), Ct));

        Assert.Equal($"Run with id={id} not found", error.Message);
    }

    [Fact]
    public async Task UpdateRun_StatusEndTimeAndName_ChangesThemAndRunNameTag()
    {
        var info = await CreateRunAsync();

        var updated = await Store.UpdateRunAsync(info.RunId, RunStatus.Finished, 5_000, "renamed", Ct);
        var run = await Store.GetRunAsync(info.RunId, Ct);

        Assert.Equal(info with { Status = RunStatus.Finished, EndTime = 5_000, RunName = "renamed" }, updated);
        Assert.Equal(updated, run.Info);
        Assert.Contains(new Tag("mlflow.runName", "renamed"), run.Data.Tags);
    }

    [Fact]
    public async Task UpdateRun_NoEndTimeOrName_KeepsThem()
    {
        var info = await CreateRunAsync(name: "keep");
        await Store.UpdateRunAsync(info.RunId, RunStatus.Failed, 7_000, null, Ct);

        var updated = await Store.UpdateRunAsync(info.RunId, RunStatus.Killed, null, null, Ct);

        Assert.Equal(RunStatus.Killed, updated.Status);
        Assert.Equal(7_000, updated.EndTime);
        Assert.Equal("keep", updated.RunName);
    }

    [Fact]
    public async Task UpdateRun_UnknownRun_ThrowsNotFound()
        => await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.UpdateRunAsync(RunId.New(), RunStatus.Finished, 1, null, Ct));

    [Fact]
    public async Task UpdateRun_DeletedRun_ThrowsInvalidState()
    {
        var info = await CreateRunAsync();
        await Store.DeleteRunAsync(info.RunId, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Store.UpdateRunAsync(info.RunId, RunStatus.Finished, 1, null, Ct));
    }

    [Fact]
    public async Task DeleteRun_ActiveRun_MarksItDeletedButKeepsItReadable()
    {
        var info = await CreateRunAsync();
        await Store.LogMetricAsync(info.RunId, PointAt("loss", 0.5, 0), Ct);

        await Store.DeleteRunAsync(info.RunId, Ct);
        await Store.DeleteRunAsync(info.RunId, Ct);
        var run = await Store.GetRunAsync(info.RunId, Ct);

        Assert.Equal(LifecycleStage.Deleted, run.Info.LifecycleStage);
        Assert.Single(run.Data.Metrics);
        Assert.Single(await Store.GetMetricHistoryAsync(info.RunId, "loss", Ct));
    }

    [Fact]
    public async Task DeleteRun_UnknownRun_ThrowsNotFound()
    {
        var id = RunId.New();

        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.DeleteRunAsync(id, Ct));

        Assert.Equal($"Run with id={id.Value} not found", error.Message);
    }

    [Fact]
    public async Task SearchRuns_SeveralPages_OrdersByStartTimeDescendingThenRunId()
    {
        var runs = new List<RunInfo>();
        foreach (var start in new long[] { 300, 100, 300, 200, 300, 100, 400 })
        {
            runs.Add(await CreateRunAsync(startTime: start));
        }

        var expected = runs
            .OrderByDescending(r => r.StartTime)
            .ThenBy(r => r.RunId.Value, StringComparer.Ordinal)
            .Select(r => r.RunId)
            .ToList();
        var seen = new List<RunId>();
        string? token = null;
        do
        {
            var page = await Store.SearchRunsAsync([ExperimentId.Default], ViewType.ActiveOnly, 2, token, Ct);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(r => r.Info.RunId));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData(ViewType.ActiveOnly, true, false)]
    [InlineData(ViewType.DeletedOnly, false, true)]
    [InlineData(ViewType.All, true, true)]
    public async Task SearchRuns_ViewType_FiltersByLifecycleStage(ViewType viewType, bool expectActive, bool expectDeleted)
    {
        var active = await CreateRunAsync();
        var deleted = await CreateRunAsync();
        await Store.DeleteRunAsync(deleted.RunId, Ct);

        var page = await Store.SearchRunsAsync([ExperimentId.Default], viewType, 10, null, Ct);
        var ids = page.Items.Select(r => r.Info.RunId).ToList();

        Assert.Equal(expectActive, ids.Contains(active.RunId));
        Assert.Equal(expectDeleted, ids.Contains(deleted.RunId));
    }

    [Fact]
    public async Task SearchRuns_GivenExperiments_ReturnsOnlyTheirRuns()
    {
        var a = await Store.CreateExperimentAsync("a", null, Ct);
        var b = await Store.CreateExperimentAsync("b", null, Ct);
        var c = await Store.CreateExperimentAsync("c", null, Ct);
        var inA = await CreateRunAsync(a);
        var inB = await CreateRunAsync(b);
        await CreateRunAsync(c);

        var page = await Store.SearchRunsAsync([a, b, new ExperimentId("999"), new ExperimentId("x")], ViewType.All, 10, null, Ct);

        Assert.Equal(
            new[] { inA.RunId, inB.RunId }.OrderBy(r => r.Value, StringComparer.Ordinal),
            page.Items.Select(r => r.Info.RunId).OrderBy(r => r.Value, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SearchRuns_NoExperiments_ReturnsEmptyPage()
    {
        await CreateRunAsync();

        var page = await Store.SearchRunsAsync([], ViewType.All, 10, null, Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task SearchRuns_RunsWithData_ReturnsTheirLatestMetricsParamsTagsAndInputs()
    {
        var first = await CreateRunAsync(startTime: 2);
        var second = await CreateRunAsync(startTime: 1);
        await Store.LogBatchAsync(first.RunId, [PointAt("loss", 1, 0), PointAt("loss", 0.5, 1)], [new Param("lr", "0.1")], [new Tag("t", "1")], Ct);
        await Store.LogBatchAsync(second.RunId, [PointAt("acc", 0.9, 0)], [new Param("lr", "0.2")], [], Ct);
        await Store.LogInputsAsync(first.RunId, [new DatasetInput("iris", "d1", "local", "/data/iris.csv")], Ct);

        var page = await Store.SearchRunsAsync([ExperimentId.Default], ViewType.ActiveOnly, 10, null, Ct);

        Assert.Equal([first.RunId, second.RunId], page.Items.Select(r => r.Info.RunId));
        Assert.Equal([PointAt("loss", 0.5, 1)], page.Items[0].Data.Metrics);
        Assert.Equal([new Param("lr", "0.1")], page.Items[0].Data.Params);
        Assert.Contains(new Tag("t", "1"), page.Items[0].Data.Tags);
        Assert.Equal("iris", Assert.Single(page.Items[0].Inputs).Name);
        Assert.Equal([PointAt("acc", 0.9, 0)], page.Items[1].Data.Metrics);
        Assert.Equal([new Param("lr", "0.2")], page.Items[1].Data.Params);
        Assert.Empty(page.Items[1].Inputs);
        Assert.Equal(await Store.GetRunAsync(first.RunId, Ct), page.Items[0], RunComparer.Instance);
    }

    [Theory]
    [MemberData(nameof(MalformedPageTokens))]
    public async Task SearchRuns_MalformedPageToken_ThrowsInvalidInput(string token)
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchRunsAsync([ExperimentId.Default], ViewType.All, 10, token, Ct));

    [Theory]
    [InlineData(0)]
    [InlineData(50_001)]
    public async Task SearchRuns_MaxResultsOutOfRange_ThrowsInvalidInput(int maxResults)
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchRunsAsync([ExperimentId.Default], ViewType.All, maxResults, null, Ct));
}
