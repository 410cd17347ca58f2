namespace Gyre.Monitoring.Alerts;

/// <summary>Where alert events go so that pipelines can trigger on them. Implementations are safe for concurrent use.</summary>
public interface IAlertEventSink
{
    /// <summary>Records <paramref name="alert"/> durably; when this returns, the event survives a crash.</summary>
    Task AppendAsync(AlertEvent alert, CancellationToken cancellationToken);

    /// <summary>The recorded events with <see cref="AlertEvent.At"/> ≥ <paramref name="since"/> (all when null), in append order.</summary>
    Task<AlertEventLog> ReadAsync(DateTimeOffset? since, CancellationToken cancellationToken);
}
