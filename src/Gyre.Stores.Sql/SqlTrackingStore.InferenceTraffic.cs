using Gyre.Monitoring.InferenceLog;

namespace Gyre.Stores.Sql;

/// <remarks>
/// Recent traffic (<see cref="IInferenceTrafficReader"/>): counts and last-seen times are one GROUP BY over the window;
/// latency percentiles are computed in memory from the latencies of the window's newest
/// <see cref="InferenceTraffic.MaxLatencySamples"/> records (SQL percentiles differ between SQLite and PostgreSQL),
/// so on a window with more records they describe its most recent part.
/// </remarks>
public abstract partial class SqlTrackingStore : IInferenceTrafficReader
{
    public async Task<IReadOnlyList<InferenceTraffic>> ReadTrafficAsync(long sinceMilliseconds, CancellationToken cancellationToken) =>
        await ReadAsync(
            async session =>
            {
                var groups = await session.QueryAsync(
                    """
                    SELECT endpoint, model_name, model_version, variant, COUNT(*), MAX(time) FROM inference_log
                    WHERE time >= @since
                    GROUP BY endpoint, model_name, model_version, variant
                    """,
                    r => (Key: (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? (int?)null : (int)r.GetInt64(2), r.GetString(3)), Requests: r.GetInt64(4), Last: r.GetInt64(5)),
                    cancellationToken,
                    ("@since", sinceMilliseconds));
                var latencies = new Dictionary<(string, string, int?, string), List<double>>();
                var samples = await session.QueryAsync(
                    """
                    SELECT endpoint, model_name, model_version, variant, latency_ms FROM inference_log
                    WHERE time >= @since ORDER BY time DESC, id DESC LIMIT @limit
                    """,
                    r => (Key: (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? (int?)null : (int)r.GetInt64(2), r.GetString(3)), Latency: r.GetDouble(4)),
                    cancellationToken,
                    ("@since", sinceMilliseconds),
                    ("@limit", (long)InferenceTraffic.MaxLatencySamples));
                foreach (var (key, latency) in samples)
                {
                    if (!latencies.TryGetValue(key, out var list))
                    {
                        latencies[key] = list = [];
                    }

                    list.Add(latency);
                }

                return (IReadOnlyList<InferenceTraffic>)groups
                    .Select(g =>
                    {
                        var sorted = latencies.TryGetValue(g.Key, out var list) ? list.Order().ToList() : [];
                        return new InferenceTraffic(
                            g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Requests, g.Last,
                            InferenceTraffic.NearestRank(sorted, 50), InferenceTraffic.NearestRank(sorted, 95));
                    })
                    .OrderBy(t => t.Endpoint, StringComparer.Ordinal)
                    .ThenBy(t => t.ModelName, StringComparer.Ordinal)
                    .ThenBy(t => t.ModelVersion)
                    .ThenBy(t => t.Variant, StringComparer.Ordinal)
                    .ToList();
            },
            cancellationToken);
}
