using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Monitoring.Tests.InferenceLog;

/// <summary>
/// The behaviour every <see cref="IInferenceLogStore"/> backend must show, written once. A backend's test class
/// supplies a fresh, empty store from <see cref="CreateStoreAsync"/>. Split over partial files by area.
/// </summary>
public abstract partial class InferenceLogStoreContract : IAsyncLifetime
{
    /// <summary>An arbitrary fixed time (2023-11-14T22:13:20Z, Unix ms) that records are logged around.</summary>
    protected const long T0 = 1_700_000_000_000;

    private IInferenceLogStore? store;

    protected IInferenceLogStore Store => store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IInferenceLogStore> CreateStoreAsync(CancellationToken cancellationToken);

    /// <summary>Releases the store and whatever it holds (files, databases).</summary>
    protected abstract ValueTask DisposeStoreAsync(IInferenceLogStore store);

    public async ValueTask InitializeAsync() => store = await CreateStoreAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (store is not null)
        {
            await DisposeStoreAsync(store);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A record of endpoint <paramref name="endpoint"/> whose inputs and outputs name the request, so each record is distinct.</summary>
    protected static InferenceRecord Record(
        string requestId,
        long time = T0,
        string endpoint = "fraud",
        int? version = 3,
        string variant = InferenceVariants.Primary,
        double latencyMs = 0.125) =>
        new(
            requestId,
            time,
            endpoint,
            "fraud-model",
            version,
            variant,
            $$"""{"request":"{{requestId}}","amount":12.5}""",
            $$"""{"prediction":"legit","score":0.{{(requestId.Length % 10).ToString(CultureInfo.InvariantCulture)}}}""",
            latencyMs);

    protected static InferenceFeedback Label(string requestId, string labelJson = "\"fraud\"", long time = T0 + 60_000, string endpoint = "fraud") =>
        new(endpoint, requestId, labelJson, time);

    /// <summary>Every record of the query, following page tokens, with pages of <paramref name="pageSize"/>.</summary>
    protected async Task<List<LoggedInference>> ReadAllAsync(InferenceQuery query, int pageSize = 1000)
    {
        var all = new List<LoggedInference>();
        string? token = null;
        do
        {
            var page = await Store.SearchInferencesAsync(query, pageSize, token, Ct);
            all.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);
        return all;
    }

    protected Task<List<LoggedInference>> ReadEndpointAsync(string endpoint = "fraud") => ReadAllAsync(new InferenceQuery(endpoint));

    protected static List<string> RequestIds(IEnumerable<LoggedInference> items) => [.. items.Select(i => i.Record.RequestId)];

    protected static async Task<GyreException> AssertThrowsGyreAsync(ErrorKind kind, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<GyreException>(action);
        Assert.Equal(kind, error.Kind);
        return error;
    }
}
