using System.Text.Json;
using Gyre.Core;

namespace Gyre.Monitoring.Alerts;

/// <summary>
/// Evaluates one <see cref="AlertRuleSet"/> over successive batches of samples and remembers, per alert
/// (rule × distinct label set of the matching samples), whether it is inactive, pending or firing.
/// <para>
/// Per evaluation and alert: a condition that holds makes an inactive alert Pending (since <c>now</c>), or Firing at once
/// when the rule's <c>for</c> is zero; a pending alert becomes Firing once the condition has held for at least <c>for</c>.
/// A condition that does not hold, a NaN value or an absent sample makes a firing alert Resolved and a pending one
/// silently inactive. When several samples of one batch have the same metric and labels, the last one counts.
/// </para>
/// <para>Thread-safe: calls are serialized. The state round-trips through <see cref="ToJson"/> / <see cref="FromJson"/>
/// so a restarted watcher neither re-fires nor forgets firing alerts; alerts of rules no longer in the set are dropped.</para>
/// </summary>
public sealed class AlertEvaluator
{
    private const int StateVersion = 1;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ActiveAlert> _active = new(StringComparer.Ordinal);

    public AlertEvaluator(AlertRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
    }

    /// <summary>The rules this evaluator applies.</summary>
    public AlertRuleSet Rules { get; }

    /// <summary>Applies every rule to <paramref name="samples"/> at time <paramref name="now"/>; returns the transitions in rule order.</summary>
    public IReadOnlyList<AlertTransition> Evaluate(IReadOnlyList<MetricSample> samples, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var transitions = new List<AlertTransition>();
        lock (_gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in Rules.Rules)
            {
                var latest = new Dictionary<string, MetricSample>(StringComparer.Ordinal);
                foreach (var sample in samples)
                {
                    if (rule.Matches(sample))
                    {
                        latest[AlertLabels.Canonical(sample.Labels)] = sample;
                    }
                }

                foreach (var (canonical, sample) in latest.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    var key = Key(rule.Name, canonical);
                    seen.Add(key);
                    Step(rule, key, sample, now, transitions);
                }
            }

            foreach (var key in _active.Keys.Where(key => !seen.Contains(key)).ToList())
            {
                var alert = _active[key];
                _active.Remove(key);
                if (alert.Firing && Rules.FindRule(alert.Rule) is { } rule)
                {
                    transitions.Add(new AlertTransition(rule, alert.Labels, AlertTransitionKind.Resolved, alert.Value, alert.StartedAt, now));
                }
            }
        }

        return transitions;
    }

    /// <summary>The alerts firing now, as <see cref="AlertTransitionKind.Firing"/> transitions stamped with their last evaluation time.</summary>
    public IReadOnlyList<AlertTransition> FiringAlerts()
    {
        lock (_gate)
        {
            return
            [
                .. _active.Values
                    .Where(alert => alert.Firing)
                    .Select(alert => (alert, rule: Rules.FindRule(alert.Rule)))
                    .Where(pair => pair.rule is not null)
                    .Select(pair => new AlertTransition(pair.rule!, pair.alert.Labels, AlertTransitionKind.Firing, pair.alert.Value, pair.alert.StartedAt, pair.alert.LastSeenAt)),
            ];
        }
    }

    /// <summary>The evaluator's state as JSON (pending and firing alerts, with their start times).</summary>
    public string ToJson()
    {
        lock (_gate)
        {
            var state = new EvaluatorState(StateVersion, [.. _active.Values.Select(alert => new AlertState(
                alert.Rule, alert.Labels, alert.Firing, alert.StartedAt, alert.LastSeenAt, alert.Value))]);
            return JsonSerializer.Serialize(state, AlertJson.Options);
        }
    }

    /// <summary>Restores an evaluator from <see cref="ToJson"/> output. Unreadable state throws <see cref="GyreException"/> Corrupt,
    /// naming <paramref name="source"/>.</summary>
    public static AlertEvaluator FromJson(AlertRuleSet rules, string json, string source = "alert state")
    {
        ArgumentNullException.ThrowIfNull(json);
        EvaluatorState? state;
        try
        {
            state = JsonSerializer.Deserialize<EvaluatorState>(json, AlertJson.Options);
        }
        catch (JsonException error)
        {
            throw GyreException.Corrupt($"{source}: unreadable alert state at line {error.LineNumber + 1}: {error.Message}");
        }

        if (state is null || state.Version != StateVersion || state.Alerts is null)
        {
            throw GyreException.Corrupt($"{source}: alert state version {state?.Version} is not {StateVersion} or has no 'alerts'.");
        }

        var evaluator = new AlertEvaluator(rules);
        foreach (var alert in state.Alerts)
        {
            if (rules.FindRule(alert.Rule) is null)
            {
                continue;
            }

            var labels = AlertLabels.Copy(alert.Labels ?? new Dictionary<string, string>());
            evaluator._active[Key(alert.Rule, AlertLabels.Canonical(labels))] =
                new ActiveAlert(alert.Rule, labels, alert.StartedAt) { Firing = alert.Firing, LastSeenAt = alert.LastSeenAt, Value = alert.Value };
        }

        return evaluator;
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> atomically (temporary file, then move).</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, ToJson(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Restores the state saved at <paramref name="path"/>, or a fresh evaluator when the file does not exist.
    /// Unreadable state throws <see cref="GyreException"/> Corrupt naming the file.</summary>
    public static async Task<AlertEvaluator> LoadAsync(AlertRuleSet rules, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return File.Exists(path)
            ? FromJson(rules, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path)
            : new AlertEvaluator(rules);
    }

    private void Step(AlertRule rule, string key, MetricSample sample, DateTimeOffset now, List<AlertTransition> transitions)
    {
        _active.TryGetValue(key, out var alert);
        if (!rule.Op.Holds(sample.Value, rule.Threshold))
        {
            if (alert is not null)
            {
                _active.Remove(key);
                if (alert.Firing)
                {
                    transitions.Add(new AlertTransition(rule, alert.Labels, AlertTransitionKind.Resolved, sample.Value, alert.StartedAt, now));
                }
            }

            return;
        }

        if (alert is null)
        {
            alert = new ActiveAlert(rule.Name, AlertLabels.Copy(sample.Labels), now);
            _active[key] = alert;
            if (rule.For > TimeSpan.Zero)
            {
                transitions.Add(new AlertTransition(rule, alert.Labels, AlertTransitionKind.Pending, sample.Value, alert.StartedAt, now));
            }
        }

        alert.Value = sample.Value;
        alert.LastSeenAt = now;
        if (!alert.Firing && now - alert.StartedAt >= rule.For)
        {
            alert.Firing = true;
            transitions.Add(new AlertTransition(rule, alert.Labels, AlertTransitionKind.Firing, sample.Value, alert.StartedAt, now));
        }
    }

    private static string Key(string rule, string canonicalLabels) => rule.Length + ":" + rule + "|" + canonicalLabels;

    private sealed class ActiveAlert(string rule, SortedDictionary<string, string> labels, DateTimeOffset startedAt)
    {
        public string Rule { get; } = rule;

        public SortedDictionary<string, string> Labels { get; } = labels;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public bool Firing { get; set; }

        public DateTimeOffset LastSeenAt { get; set; } = startedAt;

        public double Value { get; set; } = double.NaN;
    }

    private sealed record EvaluatorState(int Version, IReadOnlyList<AlertState>? Alerts);

    private sealed record AlertState(
        string Rule,
        IReadOnlyDictionary<string, string>? Labels,
        bool Firing,
        DateTimeOffset StartedAt,
        DateTimeOffset LastSeenAt,
        double Value);
}
