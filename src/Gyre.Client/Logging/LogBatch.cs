using Gyre.Tracking;

namespace Gyre.Client.Logging;

/// <summary>
/// Consecutive queued entries that go to the store in one <see cref="ITrackingStore.LogBatchAsync"/> call,
/// within MLflow's limits (≤ 1000 metrics, ≤ 100 params, ≤ 100 tags, ≤ 1000 entities) and with no param
/// key twice (the store refuses duplicate param keys in one batch).
/// </summary>
internal sealed class LogBatch
{
    public LogBatch(IReadOnlyList<LogEntry> entries)
    {
        Entries = entries;
        Metrics = [.. entries.Where(e => e.Metric is not null).Select(e => e.Metric!)];
        Params = [.. entries.Where(e => e.Param is not null).Select(e => e.Param!)];
        Tags = [.. entries.Where(e => e.Tag is not null).Select(e => e.Tag!)];
    }

    /// <summary>The entries in the order they were logged.</summary>
    public IReadOnlyList<LogEntry> Entries { get; }

    public IReadOnlyList<Metric> Metrics { get; }

    public IReadOnlyList<Param> Params { get; }

    public IReadOnlyList<Tag> Tags { get; }

    /// <summary>Takes the longest prefix of <paramref name="queue"/> that fits in one batch (at least one entry when the queue is not empty).</summary>
    public static LogBatch TakeFrom(Queue<LogEntry> queue)
    {
        var taken = new List<LogEntry>();
        int metrics = 0, parameters = 0, tags = 0;
        var paramKeys = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryPeek(out var next) && taken.Count < TrackingValidation.MaxEntitiesPerBatch)
        {
            var fits = next switch
            {
                { Metric: not null } => metrics < TrackingValidation.MaxMetricsPerBatch,
                { Param: { } param } => parameters < TrackingValidation.MaxParamsPerBatch && !paramKeys.Contains(param.Key),
                _ => tags < TrackingValidation.MaxTagsPerBatch,
            };
            if (!fits)
            {
                break;
            }

            queue.Dequeue();
            taken.Add(next);
            if (next.Metric is not null)
            {
                metrics++;
            }
            else if (next.Param is { } param)
            {
                parameters++;
                paramKeys.Add(param.Key);
            }
            else
            {
                tags++;
            }
        }

        return new LogBatch(taken);
    }

    /// <summary>The two halves of this batch, in order (for isolating the entries a store refuses).</summary>
    public (LogBatch First, LogBatch Second) Split()
    {
        var middle = Entries.Count / 2;
        return (new LogBatch([.. Entries.Take(middle)]), new LogBatch([.. Entries.Skip(middle)]));
    }

    /// <summary>What the batch holds, for error messages: "param 'lr'" for one entry, else "3 metrics, 1 param".</summary>
    public string Describe()
    {
        if (Entries.Count == 1)
        {
            return Entries[0] switch
            {
                { Metric: { } metric } => $"metric '{metric.Key}' (step {metric.Step})",
                { Param: { } param } => $"param '{param.Key}'",
                var entry => $"tag '{entry.Tag!.Key}'",
            };
        }

        var parts = new List<string>();
        AddCount(parts, Metrics.Count, "metric");
        AddCount(parts, Params.Count, "param");
        AddCount(parts, Tags.Count, "tag");
        return string.Join(", ", parts);
    }

    private static void AddCount(List<string> parts, int count, string noun)
    {
        if (count > 0)
        {
            parts.Add(count == 1 ? $"1 {noun}" : $"{count} {noun}s");
        }
    }
}
