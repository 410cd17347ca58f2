using Gyre.Core;
using Gyre.Tracking.Access;

namespace Gyre.Tracking.Tests;

/// <summary>
/// The behaviour every <see cref="ITrackingStore"/> backend must show, written once. A backend's test
/// class inherits it and supplies a fresh, empty store from <see cref="CreateStoreAsync"/>; any divergence
/// is an explicit override there, never a type check here. Split over partial files by area.
/// </summary>
public abstract partial class TrackingStoreContract : IAsyncLifetime
{
    /// <summary>An arbitrary fixed start (2023-11-14T22:13:20Z) so recorded times are predictable.</summary>
    protected static readonly DateTimeOffset ClockStart = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private ITrackingStore? store;

    protected ManualTimeProvider Clock { get; } = new(ClockStart);

    protected ITrackingStore Store => store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The same store's API tokens, for backends that keep them; null skips the token tests.</summary>
    protected virtual IApiTokenStore? TokenStore => null;

    /// <summary>A new, empty store (only the Default experiment) whose recorded times come from <paramref name="timeProvider"/>.</summary>
    protected abstract Task<ITrackingStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken);

    /// <summary>Releases the store and whatever it holds (files, databases).</summary>
    protected abstract ValueTask DisposeStoreAsync(ITrackingStore store);

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

    protected async Task<RunInfo> CreateRunAsync(ExperimentId? experimentId = null, string name = "run", long startTime = 1_000)
        => await Store.CreateRunAsync(experimentId ?? ExperimentId.Default, name, "alice", startTime, null, Ct);

    protected static Metric PointAt(string key, double value, long step, long timestamp = 10) => new(key, value, timestamp, step);
}
