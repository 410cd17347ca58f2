using Gyre.Tracking;

namespace Gyre.Client.Logging;

/// <summary>One queued write to a run: exactly one of a metric point, a param or a tag.</summary>
internal readonly record struct LogEntry(Metric? Metric, Param? Param, Tag? Tag)
{
    public static LogEntry Of(Metric metric) => new(metric, null, null);

    public static LogEntry Of(Param param) => new(null, param, null);

    public static LogEntry Of(Tag tag) => new(null, null, tag);
}
