using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Reads the current window of an endpoint's inference log: either a time window ending now, or the last N
/// records (newest first from the store, returned oldest first). Primary and canary records only: shadow
/// predictions were never returned to callers, so they do not describe what the endpoint served.
/// </summary>
public static class InferenceWindowReader
{
    /// <summary>Store page size used while reading.</summary>
    public const int PageSize = 5_000;

    /// <summary>Records of <paramref name="endpoint"/> logged in [now − <paramref name="window"/>, now), oldest first.</summary>
    /// <exception cref="GyreException">InvalidInput when the window is not positive.</exception>
    public static async Task<IReadOnlyList<LoggedInference>> ReadWindowAsync(
        IInferenceLogStore store, string endpoint, TimeSpan window, DateTimeOffset now, int? modelVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (window <= TimeSpan.Zero)
        {
            throw GyreException.InvalidInput($"--window must be positive; got {window}.");
        }

        var to = now.ToUnixTimeMilliseconds();
        var query = new InferenceQuery(endpoint, modelVersion, FromTime: to - (long)window.TotalMilliseconds, ToTime: to);
        var records = new List<LoggedInference>();
        string? token = null;
        do
        {
            var page = await store.SearchInferencesAsync(query, PageSize, token, cancellationToken);
            records.AddRange(page.Items.Where(Served));
            token = page.NextPageToken;
        }
        while (token is not null);

        return records;
    }

    /// <summary>The last <paramref name="count"/> served records of <paramref name="endpoint"/>, oldest first.</summary>
    /// <exception cref="GyreException">InvalidInput when the count is not positive.</exception>
    public static async Task<IReadOnlyList<LoggedInference>> ReadLastAsync(
        IInferenceLogStore store, string endpoint, int count, int? modelVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (count <= 0)
        {
            throw GyreException.InvalidInput($"--last must be a positive number of rows; got {count}.");
        }

        var query = new InferenceQuery(endpoint, modelVersion, NewestFirst: true);
        var records = new List<LoggedInference>(Math.Min(count, PageSize));
        string? token = null;
        do
        {
            var page = await store.SearchInferencesAsync(query, PageSize, token, cancellationToken);
            records.AddRange(page.Items.Where(Served).Take(count - records.Count));
            token = page.NextPageToken;
        }
        while (token is not null && records.Count < count);

        records.Reverse();
        return records;
    }

    private static bool Served(LoggedInference inference) => inference.Record.Variant != InferenceVariants.Shadow;
}
