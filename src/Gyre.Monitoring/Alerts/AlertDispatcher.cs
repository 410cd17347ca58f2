namespace Gyre.Monitoring.Alerts;

/// <summary>
/// One evaluation cycle of alerting: evaluate the rules, record an <see cref="AlertEvent"/> for each Firing or Resolved transition
/// in the sink (what pipelines trigger on), send it to the rule's webhooks, and re-send still-firing alerts whose repeat
/// interval has passed (re-sends are not recorded again in the sink). Pending transitions are only returned.
/// <para>The sink is written before webhooks are called; a sink failure throws, webhook failures are returned in
/// <see cref="AlertDispatch.Deliveries"/>. Calls are serialized per dispatcher.</para>
/// </summary>
public sealed class AlertDispatcher : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IAlertEventSink _sink;
    private readonly WebhookNotifier? _notifier;
    private readonly string? _model;

    /// <param name="evaluator">The stateful evaluator (persist it with <see cref="AlertEvaluator.ToJson"/> after each dispatch).</param>
    /// <param name="sink">Where events are recorded.</param>
    /// <param name="notifier">Webhook sender, or null to record events only.</param>
    /// <param name="model">The monitored model, used for <see cref="AlertEvent.Model"/> when samples carry no <c>model</c> label.</param>
    public AlertDispatcher(AlertEvaluator evaluator, IAlertEventSink sink, WebhookNotifier? notifier, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(sink);
        Evaluator = evaluator;
        _sink = sink;
        _notifier = notifier;
        _model = model;
    }

    public AlertEvaluator Evaluator { get; }

    /// <summary>Runs one cycle over <paramref name="samples"/> at <paramref name="now"/>.</summary>
    public async Task<AlertDispatch> DispatchAsync(IReadOnlyList<MetricSample> samples, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transitions = Evaluator.Evaluate(samples, now);
            var events = new List<AlertEvent>();
            var deliveries = new List<WebhookDelivery>();
            var announced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var transition in transitions.Where(transition => transition.Kind != AlertTransitionKind.Pending))
            {
                var alert = AlertEvent.From(transition, _model);
                await _sink.AppendAsync(alert, cancellationToken).ConfigureAwait(false);
                events.Add(alert);
                announced.Add(alert.Id);
                if (_notifier is not null)
                {
                    deliveries.AddRange(await _notifier.NotifyAsync(Evaluator.Rules, alert, cancellationToken).ConfigureAwait(false));
                }
            }

            if (_notifier is not null)
            {
                foreach (var firing in Evaluator.FiringAlerts())
                {
                    var alert = AlertEvent.From(firing, _model);
                    if (!announced.Contains(alert.Id))
                    {
                        var repeats = await _notifier.NotifyAsync(Evaluator.Rules, alert, cancellationToken).ConfigureAwait(false);
                        deliveries.AddRange(repeats.Where(delivery => delivery.Outcome != WebhookDeliveryOutcome.Deduplicated));
                    }
                }
            }

            return new AlertDispatch(transitions, events, deliveries);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the gate that serializes calls; the instance must not be used afterwards.</summary>
    public void Dispose() => _gate.Dispose();
}
