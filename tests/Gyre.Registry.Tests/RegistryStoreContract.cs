using Gyre.Core;

namespace Gyre.Registry.Tests;

/// <summary>
/// The behaviour every <see cref="IModelRegistryStore"/> backend must show, written once. A backend's test
/// class supplies a fresh, empty store from <see cref="CreateStoreAsync"/>. Split over partial files by area.
/// </summary>
public abstract partial class RegistryStoreContract : IAsyncLifetime
{
    /// <summary>An arbitrary fixed start (2023-11-14T22:13:20Z) so recorded times are predictable.</summary>
    protected static readonly DateTimeOffset ClockStart = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    protected static readonly RegistryActor Alice = new("alice", "first cut");

    private IModelRegistryStore? store;

    protected ManualTimeProvider Clock { get; } = new(ClockStart);

    protected IModelRegistryStore Store => store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store whose recorded times come from <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IModelRegistryStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken);

    /// <summary>Releases the store and whatever it holds (files, databases).</summary>
    protected abstract ValueTask DisposeStoreAsync(IModelRegistryStore store);

    public async ValueTask InitializeAsync() => store = await CreateStoreAsync(Clock, Ct);

    public async ValueTask DisposeAsync()
    {
        if (store is not null)
        {
            await DisposeStoreAsync(store);
        }

        GC.SuppressFinalize(this);
    }

    protected static async Task<GyreException> AssertThrowsGyreAsync(ErrorKind kind, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<GyreException>(action);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    protected Task<RegisteredModel> CreateModelAsync(string name = "fraud") => Store.CreateRegisteredModelAsync(name, null, null, Alice, Ct);

    protected Task<ModelVersion> RegisterAsync(string name = "fraud", string source = "runs:/r/model", RunId? runId = null, IReadOnlyList<ModelTag>? tags = null) =>
        Store.CreateModelVersionAsync(new NewModelVersion(name, source) { RunId = runId, UserId = "alice", Tags = tags }, Alice, Ct);
}
