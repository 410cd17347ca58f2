using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Stores.Sql;

/// <remarks>
/// Metric series for charts (<see cref="IMetricSeriesReader"/>): the count and step range come from the
/// <c>(run_uuid, key, step, timestamp, id)</c> index alone; a downsampled series is one GROUP BY over the bucket
/// number (one index range scan), and each bucket's last point is found by an index seek on its last step. Same SQL on SQLite and
/// PostgreSQL (integer division of BIGINT steps; NaN is stored as 0 with <c>is_nan</c> = 1 and left out of min/max).
/// </remarks>
public abstract partial class SqlTrackingStore : IMetricSeriesReader
{
    public async Task<MetricSeries> ReadMetricSeriesAsync(RunId runId, string metricKey, int maxPoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metricKey);
        MetricSeriesBuckets.ValidateMaxPoints(maxPoints);
        return await ReadAsync(
            async session =>
            {
                if (await session.ScalarAsync("SELECT 1 FROM runs WHERE run_uuid = @id", cancellationToken, ("@id", runId.Value)) is null)
                {
                    throw RunNotFound(runId);
                }

                var range = await session.QueryAsync(
                    "SELECT COUNT(*), MIN(step), MAX(step) FROM metrics WHERE run_uuid = @id AND key = @key",
                    r => (Count: r.GetInt64(0), First: r.IsDBNull(1) ? 0 : r.GetInt64(1), Last: r.IsDBNull(2) ? 0 : r.GetInt64(2)),
                    cancellationToken,
                    ("@id", runId.Value),
                    ("@key", metricKey));
                var (count, first, last) = range[0];
                if (count <= maxPoints)
                {
                    var all = await session.QueryAsync(
                        "SELECT value, is_nan, timestamp, step FROM metrics WHERE run_uuid = @id AND key = @key ORDER BY step, timestamp, id",
                        r =>
                        {
                            var value = r.GetInt64(1) == 1 ? double.NaN : r.GetDouble(0);
                            return new MetricSeriesPoint(r.GetInt64(3), r.GetInt64(2), value, value, value, 1);
                        },
                        cancellationToken,
                        ("@id", runId.Value),
                        ("@key", metricKey));
                    return new MetricSeries(metricKey, count, false, all);
                }

                var width = MetricSeriesBuckets.Width(first, last, maxPoints);
                var buckets = await session.QueryAsync(
                    """
                    SELECT b.first_step, m.timestamp, m.value, m.is_nan, b.lo, b.hi, b.n
                    FROM (
                        SELECT (step - @first) / @width AS bucket, MIN(step) AS first_step, MAX(step) AS last_step,
                               MIN(CASE WHEN is_nan = 0 THEN value END) AS lo, MAX(CASE WHEN is_nan = 0 THEN value END) AS hi,
                               COUNT(*) AS n
                        FROM metrics WHERE run_uuid = @id AND key = @key
                        GROUP BY (step - @first) / @width
                    ) b
                    JOIN metrics m ON m.id = (
                        SELECT l.id FROM metrics l WHERE l.run_uuid = @id AND l.key = @key AND l.step = b.last_step
                        ORDER BY l.timestamp DESC, l.id DESC LIMIT 1)
                    ORDER BY b.first_step
                    """,
                    r => new MetricSeriesPoint(
                        r.GetInt64(0),
                        r.GetInt64(1),
                        r.GetInt64(3) == 1 ? double.NaN : r.GetDouble(2),
                        r.IsDBNull(4) ? double.NaN : r.GetDouble(4),
                        r.IsDBNull(5) ? double.NaN : r.GetDouble(5),
                        r.GetInt64(6)),
                    cancellationToken,
                    ("@id", runId.Value),
                    ("@key", metricKey),
                    ("@first", first),
                    ("@width", width));
                return new MetricSeries(metricKey, count, true, buckets);
            },
            cancellationToken);
    }
}
