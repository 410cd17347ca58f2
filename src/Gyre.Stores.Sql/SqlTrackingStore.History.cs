using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    /// <summary>
    /// One page of the logged points of <paramref name="metricKey"/> (deleted runs too), by step, then
    /// timestamp, then logging order. <paramref name="maxResults"/> null = every point; otherwise ≥ 1.
    /// Page tokens are MLflow's offset tokens; a malformed one is InvalidInput.
    /// </summary>
    public async Task<Page<Metric>> GetMetricHistoryAsync(RunId runId, string metricKey, int? maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metricKey);
        if (maxResults < 1)
        {
            throw GyreException.InvalidInput($"Invalid value {maxResults} for parameter 'max_results': it must be at least 1.");
        }

        var offset = OffsetPageToken.Decode(pageToken);
        return await ReadAsync(
            async session =>
            {
                if (await session.ScalarAsync("SELECT 1 FROM runs WHERE run_uuid = @id", cancellationToken, ("@id", runId.Value)) is null)
                {
                    throw RunNotFound(runId);
                }

                // One row past the page tells whether another page follows.
                var limit = maxResults is { } max ? max + 1L : long.MaxValue;
                var points = await session.QueryAsync(
                    """
                    SELECT value, is_nan, timestamp, step FROM metrics WHERE run_uuid = @id AND key = @key
                    ORDER BY step, timestamp, id
                    LIMIT @limit OFFSET @offset
                    """,
                    r => new Metric(metricKey, r.GetInt64(1) == 1 ? double.NaN : r.GetDouble(0), r.GetInt64(2), r.GetInt64(3)),
                    cancellationToken,
                    ("@id", runId.Value),
                    ("@key", metricKey),
                    ("@limit", limit),
                    ("@offset", offset));
                return ToPage(points, maxResults ?? int.MaxValue, offset);
            },
            cancellationToken);
    }

    /// <summary>The first <paramref name="pageSize"/> of <paramref name="rows"/> (read with one extra row), with the next page's token when the extra row exists.</summary>
    private static Page<T> ToPage<T>(List<T> rows, int pageSize, long offset) =>
        rows.Count > pageSize
            ? new Page<T>(rows.GetRange(0, pageSize), OffsetPageToken.Encode(offset + pageSize))
            : new Page<T>(rows, null);
}
