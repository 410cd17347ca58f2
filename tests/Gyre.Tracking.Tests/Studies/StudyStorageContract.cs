using Gyre.Core;
using Gyre.Tuning;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>
/// The behaviour every <see cref="IStudyStorage"/> must show (the bullets of its contract), written once and
/// run against the in-memory reference, SQLite and PostgreSQL. Split over partial files by area.
/// </summary>
public abstract partial class StudyStorageContract : IAsyncLifetime
{
    /// <summary>A whole-millisecond start (2023-11-14T22:13:20Z), so SQL's millisecond times compare equal.</summary>
    protected static readonly DateTimeOffset ClockStart = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private IStudyStorage? storage;

    protected ManualTimeProvider Clock { get; } = new(ClockStart);

    protected IStudyStorage Storage => storage ?? throw new InvalidOperationException("The storage is created in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty storage stamping times from <paramref name="clock"/>.</summary>
    protected abstract Task<IStudyStorage> CreateStorageAsync(TimeProvider clock, CancellationToken cancellationToken);

    /// <summary>A second storage object on the same data (as another process would open), or null where there is none (in memory).</summary>
    protected abstract Task<IStudyStorage?> ReopenAsync(TimeProvider clock, CancellationToken cancellationToken);

    /// <summary>Releases a storage from <see cref="CreateStorageAsync"/> or <see cref="ReopenAsync"/>.</summary>
    protected abstract ValueTask DisposeStorageAsync(IStudyStorage storage);

    /// <summary>Releases what the test class holds after every storage is disposed (files, databases).</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync() => storage = await CreateStorageAsync(Clock, Ct);

    public async ValueTask DisposeAsync()
    {
        if (storage is not null)
        {
            await DisposeStorageAsync(storage);
        }

        await CleanUpAsync();
        GC.SuppressFinalize(this);
    }

    protected static async Task<GyreException> AssertThrowsGyreAsync(ErrorKind kind, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<GyreException>(action);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    protected async Task<long> NewStudyAsync(string name = "study", StudyDirection direction = StudyDirection.Minimize) =>
        await Storage.CreateStudyAsync(name, direction, Ct);

    [Fact]
    public async Task CreateStudyAsync_SameNameTwice_ReturnsTheSameId()
    {
        var id = await NewStudyAsync("s");

        Assert.Equal(id, await NewStudyAsync("s"));
        Assert.NotEqual(id, await NewStudyAsync("t"));
    }

    [Fact]
    public async Task CreateStudyAsync_ExistingWithOtherDirection_ThrowsInvalidInput()
    {
        await NewStudyAsync("s", StudyDirection.Minimize);

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Storage.CreateStudyAsync("s", StudyDirection.Maximize, Ct));
    }

    [Fact]
    public async Task FindStudyAsync_ReturnsSummaryWithAttrs_OrNullForUnknownName()
    {
        var id = await NewStudyAsync("s", StudyDirection.Maximize);
        await Storage.SetStudyUserAttrAsync(id, "spec", "a", Ct);
        await Storage.SetStudyUserAttrAsync(id, "spec", "b", Ct);
        await Storage.SetStudyUserAttrAsync(id, "run", "r1", Ct);

        var found = await Storage.FindStudyAsync("s", Ct);

        Assert.NotNull(found);
        Assert.Equal((id, "s", StudyDirection.Maximize, ClockStart), (found.Id, found.Name, found.Direction, found.CreatedAt));
        Assert.Equal(new Dictionary<string, string> { ["spec"] = "b", ["run"] = "r1" }, found.UserAttrs);
        Assert.Null(await Storage.FindStudyAsync("nope", Ct));
    }

    [Fact]
    public async Task ListStudiesAsync_OrdersByName()
    {
        await NewStudyAsync("b");
        await NewStudyAsync("a");
        await NewStudyAsync("c");

        Assert.Equal(["a", "b", "c"], (await Storage.ListStudiesAsync(Ct)).Select(s => s.Name));
    }

    [Fact]
    public async Task UnknownStudyId_ThrowsNotFound()
    {
        const long missing = 987_654;

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.SetStudyUserAttrAsync(missing, "k", "v", Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.TryCreateTrialAsync(missing, null, Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.GetTrialsAsync(missing, Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.GetTrialAsync(missing, 0, Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.FailStaleTrialsAsync(missing, TimeSpan.FromSeconds(1), Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.RecordHeartbeatAsync(missing, 0, Ct));
    }

    [Fact]
    public async Task UnknownTrialNumber_ThrowsNotFound()
    {
        var study = await NewStudyAsync();
        await Storage.CreateTrialAsync(study, Ct);

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.GetTrialAsync(study, 1, Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.RecordHeartbeatAsync(study, 5, Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.SetTrialUserAttrAsync(study, 5, "k", "v", Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Storage.FinishTrialAsync(study, 5, TrialState.Complete, 1, null, Ct));
    }

    [Fact]
    public async Task StudySurvivesReopen()
    {
        var study = await NewStudyAsync("kept", StudyDirection.Maximize);
        var number = await Storage.CreateTrialAsync(study, Ct);
        await Storage.SetParamAsync(study, number, "x", new Tuning.Distributions.FloatDistribution(-1, 1), 0.25, Ct);
        await Storage.ReportIntermediateAsync(study, number, 3, 0.5, Ct);
        await Storage.FinishTrialAsync(study, number, TrialState.Complete, 0.75, null, Ct);
        await Storage.CreateTrialAsync(study, Ct);
        var before = await Storage.GetTrialsAsync(study, Ct);

        var reopened = await ReopenAsync(Clock, Ct);
        Assert.SkipWhen(reopened is null, "This storage lives in one process only.");
        try
        {
            var summary = await reopened.FindStudyAsync("kept", Ct);
            Assert.Equal((study, StudyDirection.Maximize), (summary!.Id, summary.Direction));
            var after = await reopened.GetTrialsAsync(study, Ct);
            TrialAssert.Equal(before, after);
            Assert.Equal(2, await reopened.CreateTrialAsync(study, Ct));
        }
        finally
        {
            await DisposeStorageAsync(reopened);
        }
    }
}
