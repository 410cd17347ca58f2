using Gyre.Core;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    [Fact]
    public async Task CreateExperiment_GivenArtifactLocation_UsesIt()
    {
        var id = await Store.CreateExperimentAsync("remote", "s3://bucket/custom/", null, Ct);

        var experiment = await Store.GetExperimentAsync(id, Ct);
        var info = await CreateRunAsync(id);

        Assert.Equal("s3://bucket/custom", experiment.ArtifactLocation);
        Assert.Equal($"s3://bucket/custom/{info.RunId.Value}/artifacts", info.ArtifactUri);
    }

    [Fact]
    public async Task CreateExperiment_RunsUriArtifactLocation_ThrowsInvalidInputAndCreatesNothing()
    {
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.CreateExperimentAsync("x", "runs:/abc/model", null, Ct));

        Assert.Null(await Store.FindExperimentByNameAsync("x", Ct));
    }

    [Fact]
    public async Task RenameExperiment_FreeName_RenamesAndRecordsUpdateTime()
    {
        var id = await Store.CreateExperimentAsync("old", null, Ct);
        Clock.Advance(TimeSpan.FromSeconds(3));

        await Store.RenameExperimentAsync(id, "new", Ct);
        var experiment = await Store.GetExperimentAsync(id, Ct);

        Assert.Equal("new", experiment.Name);
        Assert.Equal(Clock.NowMilliseconds, experiment.LastUpdateTime);
        Assert.Equal(ClockStart.ToUnixTimeMilliseconds(), experiment.CreationTime);
        Assert.Null(await Store.FindExperimentByNameAsync("old", Ct));
        Assert.NotEqual(id, await Store.CreateExperimentAsync("old", null, Ct));
    }

    [Fact]
    public async Task RenameExperiment_NameOfAnotherExperiment_ThrowsAlreadyExists()
    {
        var id = await Store.CreateExperimentAsync("a", null, Ct);
        await Store.CreateExperimentAsync("b", null, Ct);

        var error = await AssertThrowsGyreAsync(ErrorKind.AlreadyExists, () => Store.RenameExperimentAsync(id, "b", Ct));

        Assert.Equal("Experiment(name=b) already exists.", error.Message);
        Assert.Equal("a", (await Store.GetExperimentAsync(id, Ct)).Name);
    }

    [Fact]
    public async Task RenameExperiment_NameOfDeletedExperiment_ThrowsAlreadyExists()
    {
        var id = await Store.CreateExperimentAsync("a", null, Ct);
        var deleted = await Store.CreateExperimentAsync("gone", null, Ct);
        await Store.DeleteExperimentAsync(deleted, Ct);

        await AssertThrowsGyreAsync(ErrorKind.AlreadyExists, () => Store.RenameExperimentAsync(id, "gone", Ct));
    }

    [Fact]
    public async Task RenameExperiment_ToItsOwnName_IsAccepted()
    {
        var id = await Store.CreateExperimentAsync("same", null, Ct);

        await Store.RenameExperimentAsync(id, "same", Ct);

        Assert.Equal("same", (await Store.GetExperimentAsync(id, Ct)).Name);
    }

    [Fact]
    public async Task RenameExperiment_DeletedExperiment_ThrowsInvalidStateWithMlflowMessage()
    {
        var id = await Store.CreateExperimentAsync("a", null, Ct);
        await Store.DeleteExperimentAsync(id, Ct);

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Store.RenameExperimentAsync(id, "b", Ct));

        Assert.Equal("Cannot rename a non-active experiment.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task RenameExperiment_BlankName_ThrowsInvalidInput(string name)
    {
        var id = await Store.CreateExperimentAsync("a", null, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.RenameExperimentAsync(id, name, Ct));
    }

    [Fact]
    public async Task RenameExperiment_UnknownExperiment_ThrowsNotFound()
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.RenameExperimentAsync(new ExperimentId("404"), "x", Ct));

        Assert.Equal("No Experiment with id=404 exists", error.Message);
    }

    [Fact]
    public async Task DeleteExperiment_WithRuns_MarksItAndItsRunsDeletedKeepingTheNameTaken()
    {
        var id = await Store.CreateExperimentAsync("doomed", null, Ct);
        var run = await CreateRunAsync(id);
        Clock.Advance(TimeSpan.FromSeconds(2));

        await Store.DeleteExperimentAsync(id, Ct);
        await Store.DeleteExperimentAsync(id, Ct);
        var experiment = await Store.GetExperimentAsync(id, Ct);

        Assert.Equal(LifecycleStage.Deleted, experiment.LifecycleStage);
        Assert.Equal(Clock.NowMilliseconds, experiment.LastUpdateTime);
        Assert.Equal(LifecycleStage.Deleted, (await Store.GetRunAsync(run.RunId, Ct)).Info.LifecycleStage);
        Assert.Equal(id, (await Store.FindExperimentByNameAsync("doomed", Ct))?.Id);
        await AssertThrowsGyreAsync(ErrorKind.AlreadyExists, () => Store.CreateExperimentAsync("doomed", null, Ct));
        Assert.DoesNotContain(id, (await Store.SearchExperimentsAsync(ViewType.ActiveOnly, 100, null, Ct)).Items.Select(e => e.Id));
        Assert.Contains(id, (await Store.SearchExperimentsAsync(ViewType.DeletedOnly, 100, null, Ct)).Items.Select(e => e.Id));
    }

    [Fact]
    public async Task DeleteExperiment_Then_CreateRunInIt_ThrowsInvalidStateWithMlflowMessage()
    {
        var id = await Store.CreateExperimentAsync("doomed", null, Ct);
        await Store.DeleteExperimentAsync(id, Ct);

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => CreateRunAsync(id));

        Assert.Equal($"The experiment {id.Value} must be in the 'active' state. Current state is deleted.", error.Message);
    }

    [Fact]
    public async Task DeleteExperiment_UnknownExperiment_ThrowsNotFound()
        => await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.DeleteExperimentAsync(new ExperimentId("404"), Ct));

    [Fact]
    public async Task RestoreExperiment_AfterDelete_BringsBackOnlyTheRunsTheDeletionDeleted()
    {
        var id = await Store.CreateExperimentAsync("phoenix", null, Ct);
        var kept = await CreateRunAsync(id);
        var deletedBefore = await CreateRunAsync(id);
        await Store.DeleteRunAsync(deletedBefore.RunId, Ct);
        await Store.DeleteExperimentAsync(id, Ct);
        Clock.Advance(TimeSpan.FromSeconds(4));

        await Store.RestoreExperimentAsync(id, Ct);
        await Store.RestoreExperimentAsync(id, Ct);
        var experiment = await Store.GetExperimentAsync(id, Ct);

        Assert.Equal(LifecycleStage.Active, experiment.LifecycleStage);
        Assert.Equal(Clock.NowMilliseconds, experiment.LastUpdateTime);
        Assert.Equal(LifecycleStage.Active, (await Store.GetRunAsync(kept.RunId, Ct)).Info.LifecycleStage);
        Assert.Equal(LifecycleStage.Deleted, (await Store.GetRunAsync(deletedBefore.RunId, Ct)).Info.LifecycleStage);
        await Store.LogMetricAsync(kept.RunId, PointAt("m", 1, 0), Ct);
    }

    [Fact]
    public async Task RestoreExperiment_RunRestoredAloneThenExperimentDeletedAgain_FollowsTheLatestDeletion()
    {
        var id = await Store.CreateExperimentAsync("e", null, Ct);
        var run = await CreateRunAsync(id);
        await Store.DeleteExperimentAsync(id, Ct);
        await Store.RestoreRunAsync(run.RunId, Ct);
        await Store.DeleteRunAsync(run.RunId, Ct);

        await Store.RestoreExperimentAsync(id, Ct);

        Assert.Equal(LifecycleStage.Deleted, (await Store.GetRunAsync(run.RunId, Ct)).Info.LifecycleStage);
    }

    [Fact]
    public async Task RestoreExperiment_UnknownExperiment_ThrowsNotFound()
        => await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.RestoreExperimentAsync(new ExperimentId("404"), Ct));

    [Fact]
    public async Task SetExperimentTag_NewThenSameKey_OverwritesTheValue()
    {
        var id = await Store.CreateExperimentAsync("e", [new Tag("keep", "1")], Ct);

        await Store.SetExperimentTagAsync(id, new Tag("team", "risk"), Ct);
        await Store.SetExperimentTagAsync(id, new Tag("team", "growth"), Ct);

        Assert.Equal([new Tag("keep", "1"), new Tag("team", "growth")], (await Store.GetExperimentAsync(id, Ct)).Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetExperimentTag_ValueOver5000Characters_ThrowsInvalidInput()
    {
        var id = await Store.CreateExperimentAsync("e", null, Ct);

        await Store.SetExperimentTagAsync(id, new Tag("ok", new string('v', 5000)), Ct);
        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SetExperimentTagAsync(id, new Tag("long", new string('v', 5001)), Ct));

        Assert.Contains("5000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetExperimentTag_DeletedExperiment_ThrowsInvalidState()
    {
        var id = await Store.CreateExperimentAsync("e", null, Ct);
        await Store.DeleteExperimentAsync(id, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Store.SetExperimentTagAsync(id, new Tag("k", "v"), Ct));
    }

    [Fact]
    public async Task SetExperimentTag_UnknownExperiment_ThrowsNotFound()
        => await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.SetExperimentTagAsync(new ExperimentId("404"), new Tag("k", "v"), Ct));

    [Fact]
    public async Task DeleteExperimentTag_ExistingTag_RemovesOnlyIt()
    {
        var id = await Store.CreateExperimentAsync("e", [new Tag("a", "1"), new Tag("b", "2")], Ct);

        await Store.DeleteExperimentTagAsync(id, "a", Ct);

        Assert.Equal([new Tag("b", "2")], (await Store.GetExperimentAsync(id, Ct)).Tags);
    }

    [Fact]
    public async Task DeleteExperimentTag_UnknownTag_ThrowsNotFoundWithMlflowMessage()
    {
        var id = await Store.CreateExperimentAsync("e", null, Ct);

        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.DeleteExperimentTagAsync(id, "nope", Ct));

        Assert.Equal($"No tag with name: nope in experiment with id {id.Value}", error.Message);
    }

    [Fact]
    public async Task DeleteExperimentTag_DeletedExperiment_ThrowsInvalidState()
    {
        var id = await Store.CreateExperimentAsync("e", [new Tag("a", "1")], Ct);
        await Store.DeleteExperimentAsync(id, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Store.DeleteExperimentTagAsync(id, "a", Ct));
    }

    [Fact]
    public async Task RestoreRun_DeletedRun_MakesItActiveSearchableAndWritable()
    {
        var info = await CreateRunAsync();
        await Store.DeleteRunAsync(info.RunId, Ct);

        await Store.RestoreRunAsync(info.RunId, Ct);
        await Store.RestoreRunAsync(info.RunId, Ct);
        await Store.LogMetricAsync(info.RunId, PointAt("m", 1, 0), Ct);

        Assert.Equal(LifecycleStage.Active, (await Store.GetRunAsync(info.RunId, Ct)).Info.LifecycleStage);
        Assert.Contains(info.RunId, (await Store.SearchRunsAsync([ExperimentId.Default], ViewType.ActiveOnly, 10, null, Ct)).Items.Select(r => r.Info.RunId));
    }

    [Fact]
    public async Task RestoreRun_UnknownRun_ThrowsNotFound()
    {
        var id = RunId.New();

        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.RestoreRunAsync(id, Ct));

        Assert.Equal($"Run with id={id.Value} not found", error.Message);
    }

    [Fact]
    public async Task DeleteRunTag_ExistingTag_RemovesOnlyIt()
    {
        var info = await CreateRunAsync(name: "r");
        await Store.LogBatchAsync(info.RunId, [], [], [new Tag("a", "1"), new Tag("b", "2")], Ct);

        await Store.DeleteRunTagAsync(info.RunId, "a", Ct);

        Assert.Equal([new Tag("b", "2"), new Tag("mlflow.runName", "r")], (await Store.GetRunAsync(info.RunId, Ct)).Data.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteRunTag_UnknownTag_ThrowsNotFoundWithMlflowMessage()
    {
        var info = await CreateRunAsync();

        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.DeleteRunTagAsync(info.RunId, "nope", Ct));

        Assert.Equal($"No tag with name: nope in run with id {info.RunId.Value}", error.Message);
    }

    [Fact]
    public async Task DeleteRunTag_DeletedRun_ThrowsInvalidStateWithMlflowMessage()
    {
        var info = await CreateRunAsync();
        await Store.SetTagAsync(info.RunId, new Tag("a", "1"), Ct);
        await Store.DeleteRunAsync(info.RunId, Ct);

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Store.DeleteRunTagAsync(info.RunId, "a", Ct));

        Assert.Equal($"The run {info.RunId.Value} must be in the 'active' state. Current state is deleted.", error.Message);
    }

    [Fact]
    public async Task DeleteRunTag_UnknownRun_ThrowsNotFound()
        => await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.DeleteRunTagAsync(RunId.New(), "a", Ct));

    [Fact]
    public async Task UpdateRun_NoStatus_KeepsStatusAndChangesTheRest()
    {
        var info = await CreateRunAsync(name: "before");
        await Store.UpdateRunAsync(info.RunId, RunStatus.Finished, 9_000, null, Ct);

        var updated = await Store.UpdateRunAsync(info.RunId, null, null, "after", Ct);

        Assert.Equal(RunStatus.Finished, updated.Status);
        Assert.Equal(9_000, updated.EndTime);
        Assert.Equal("after", updated.RunName);
    }
}
