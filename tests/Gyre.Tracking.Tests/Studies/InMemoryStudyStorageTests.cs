using Gyre.Tuning;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>The storage contract on the in-memory reference implementation.</summary>
public sealed class InMemoryStudyStorageTests : StudyStorageContract
{
    protected override Task<IStudyStorage> CreateStorageAsync(TimeProvider clock, CancellationToken cancellationToken) =>
        Task.FromResult<IStudyStorage>(new InMemoryStudyStorage(clock));

    protected override Task<IStudyStorage?> ReopenAsync(TimeProvider clock, CancellationToken cancellationToken) => Task.FromResult<IStudyStorage?>(null);

    protected override ValueTask DisposeStorageAsync(IStudyStorage storage) => ValueTask.CompletedTask;
}
