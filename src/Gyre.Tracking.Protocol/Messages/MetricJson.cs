namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// MLflow's <c>Metric</c> message: <see cref="Timestamp"/> is Unix milliseconds, <see cref="Step"/>
/// defaults to 0. <see cref="Value"/> may be NaN or ±Infinity (written as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>).
/// </summary>
public sealed record MetricJson
{
    public string? Key { get; init; }

    public double? Value { get; init; }

    public long? Timestamp { get; init; }

    public long? Step { get; init; }
}
