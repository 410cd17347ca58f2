using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Cli.Commands;

/// <summary>Finds runs by full id or by a unique id prefix (at least 6 characters), as users copy them from tables.</summary>
public static class RunLookup
{
    private const int MinimumPrefix = 6;

    public static async Task<Run> GetAsync(ITrackingStore store, string idOrPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        if (idOrPrefix.Length == 32)
        {
            return await store.GetRunAsync(new RunId(idOrPrefix), cancellationToken);
        }

        if (idOrPrefix.Length < MinimumPrefix)
        {
            throw GyreException.InvalidInput($"Run id '{idOrPrefix}' is too short: give the full id or at least {MinimumPrefix} characters of it.");
        }

        var matches = new List<Run>();
        await foreach (var run in AllRunsAsync(store, ViewType.All, cancellationToken))
        {
            if (run.Info.RunId.Value.StartsWith(idOrPrefix, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add(run);
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw GyreException.NotFound($"Run with id=\"{idOrPrefix}\" not found (no run id starts with it)."),
            _ => throw GyreException.InvalidInput($"Run id prefix '{idOrPrefix}' matches {matches.Count} runs; give more characters."),
        };
    }

    /// <summary>Every experiment (active and deleted), newest first.</summary>
    public static async Task<List<Experiment>> AllExperimentsAsync(ITrackingStore store, ViewType viewType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var experiments = new List<Experiment>();
        string? token = null;
        do
        {
            var page = await store.SearchExperimentsAsync(viewType, 1000, token, cancellationToken);
            experiments.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        return experiments;
    }

    /// <summary>Every run of every experiment, newest first.</summary>
    public static async IAsyncEnumerable<Run> AllRunsAsync(
        ITrackingStore store,
        ViewType viewType,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var experiments = (await AllExperimentsAsync(store, ViewType.All, cancellationToken)).Select(e => e.Id).ToList();
        if (experiments.Count == 0)
        {
            yield break;
        }

        string? token = null;
        do
        {
            var page = await store.SearchRunsAsync(experiments, viewType, 1000, token, cancellationToken);
            foreach (var run in page.Items)
            {
                yield return run;
            }

            token = page.NextPageToken;
        }
        while (token is not null);
    }
}
