using System.Globalization;
using Gyre.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gyre.Monitoring.Alerts;

/// <summary>The strict YAML reader behind <see cref="AlertRuleSet.Parse"/>; every error names source, line, column and field.</summary>
internal static class AlertRuleSetReader
{
    private static readonly string[] TopFields = ["repeat_interval", "webhooks", "rules"];
    private static readonly string[] WebhookFields = ["name", "url", "headers"];
    private static readonly string[] RuleFields = ["name", "metric", "labels", "op", "threshold", "window", "for", "severity", "notify", "description"];

    public static AlertRuleSet Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException error)
        {
            throw GyreException.InvalidInput($"{source}:{error.Start.Line}:{error.Start.Column}: invalid YAML: {error.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw GyreException.InvalidInput($"{source}:1:1: the alert rules file must be a mapping with 'rules' (and optionally 'webhooks', 'repeat_interval').");
        }

        var fields = Fields(source, root, TopFields, string.Empty);
        var repeat = fields.TryGetValue("repeat_interval", out var repeatNode)
            ? Duration(source, repeatNode, "repeat_interval", allowZero: false)
            : AlertRuleSet.DefaultRepeatInterval;
        var webhooks = fields.TryGetValue("webhooks", out var webhooksNode) ? Webhooks(source, webhooksNode) : [];
        if (!fields.TryGetValue("rules", out var rulesNode))
        {
            throw GyreException.InvalidInput($"{source}:{root.Start.Line}:{root.Start.Column}: field 'rules' is required.");
        }

        var rules = Rules(source, rulesNode, webhooks);
        return new AlertRuleSet(source, rules, webhooks, repeat);
    }

    private static List<WebhookTarget> Webhooks(string source, YamlNode node)
    {
        var list = Sequence(source, node, "webhooks");
        var webhooks = new List<WebhookTarget>(list.Children.Count);
        for (var index = 0; index < list.Children.Count; index++)
        {
            var prefix = $"webhooks[{index}].";
            var item = list.Children[index];
            var fields = Fields(source, item, WebhookFields, prefix);
            var name = Scalar(source, Required(source, item, fields, "name", prefix), prefix + "name");
            if (webhooks.Any(hook => hook.Name == name))
            {
                throw Error(source, fields["name"], prefix + "name", $"duplicate webhook name '{name}'");
            }

            var urlText = Scalar(source, Required(source, item, fields, "url", prefix), prefix + "url");
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw Error(source, fields["url"], prefix + "url", $"expected an absolute http or https URL, got '{urlText}'");
            }

            var headers = fields.TryGetValue("headers", out var headersNode)
                ? StringMap(source, headersNode, prefix + "headers")
                : new Dictionary<string, string>(StringComparer.Ordinal);
            webhooks.Add(new WebhookTarget(name, url, headers));
        }

        return webhooks;
    }

    private static List<AlertRule> Rules(string source, YamlNode node, List<WebhookTarget> webhooks)
    {
        var list = Sequence(source, node, "rules");
        var rules = new List<AlertRule>(list.Children.Count);
        for (var index = 0; index < list.Children.Count; index++)
        {
            var item = list.Children[index];
            var prefix = $"rules[{index}].";
            var fields = Fields(source, item, RuleFields, prefix);
            var name = Scalar(source, Required(source, item, fields, "name", prefix), prefix + "name");
            prefix = $"rules[{index}] ('{name}').";
            if (rules.Any(rule => rule.Name == name))
            {
                throw Error(source, fields["name"], prefix + "name", $"duplicate rule name '{name}'");
            }

            var metric = Scalar(source, Required(source, item, fields, "metric", prefix), prefix + "metric");
            if (!MonitoringMetrics.IsKnown(metric))
            {
                throw Error(source, fields["metric"], prefix + "metric", $"unknown metric '{metric}' (expected one of {string.Join(", ", MonitoringMetrics.All)})");
            }

            var opText = Scalar(source, Required(source, item, fields, "op", prefix), prefix + "op");
            if (!AlertOperators.TryParse(opText, out var op))
            {
                throw Error(source, fields["op"], prefix + "op", $"expected one of >, >=, <, <=, got '{opText}'");
            }

            var thresholdNode = Required(source, item, fields, "threshold", prefix);
            var thresholdText = Scalar(source, thresholdNode, prefix + "threshold");
            if (!double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold))
            {
                throw Error(source, thresholdNode, prefix + "threshold", $"expected a finite number, got '{thresholdText}'");
            }

            var labels = fields.TryGetValue("labels", out var labelsNode)
                ? StringMap(source, labelsNode, prefix + "labels")
                : new Dictionary<string, string>(StringComparer.Ordinal);
            TimeSpan? window = fields.TryGetValue("window", out var windowNode) ? Duration(source, windowNode, prefix + "window", allowZero: false) : null;
            var holdFor = fields.TryGetValue("for", out var forNode) ? Duration(source, forNode, prefix + "for", allowZero: true) : TimeSpan.Zero;
            var severity = fields.TryGetValue("severity", out var severityNode) ? Severity(source, severityNode, prefix + "severity") : AlertSeverity.Warning;
            var notify = fields.TryGetValue("notify", out var notifyNode) ? Notify(source, notifyNode, prefix + "notify", webhooks) : [];
            var description = fields.TryGetValue("description", out var descriptionNode) ? Scalar(source, descriptionNode, prefix + "description") : null;
            rules.Add(new AlertRule(name, metric, labels, op, threshold, window, holdFor, severity, notify) { Description = description });
        }

        return rules;
    }

    private static List<string> Notify(string source, YamlNode node, string field, List<WebhookTarget> webhooks)
    {
        var names = new List<string>();
        foreach (var item in Sequence(source, node, field).Children)
        {
            var name = Scalar(source, item, field);
            if (!webhooks.Any(hook => hook.Name == name))
            {
                var known = webhooks.Count == 0 ? "no webhooks are defined" : "defined: " + string.Join(", ", webhooks.Select(hook => hook.Name));
                throw Error(source, item, field, $"unknown webhook '{name}' ({known})");
            }

            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static AlertSeverity Severity(string source, YamlNode node, string field) => Scalar(source, node, field) switch
    {
        "info" => AlertSeverity.Info,
        "warning" => AlertSeverity.Warning,
        "critical" => AlertSeverity.Critical,
        var other => throw Error(source, node, field, $"expected info, warning or critical, got '{other}'"),
    };

    private static TimeSpan Duration(string source, YamlNode node, string field, bool allowZero)
    {
        var text = Scalar(source, node, field);
        return AlertDuration.TryParse(text, out var duration) && (allowZero || duration > TimeSpan.Zero)
            ? duration
            : throw Error(source, node, field, $"expected a {(allowZero ? string.Empty : "positive ")}duration such as 30s, 15m, 1h or 1d, got '{text}'");
    }

    private static Dictionary<string, string> StringMap(string source, YamlNode node, string field)
    {
        if (node is not YamlMappingNode map)
        {
            throw Error(source, node, field, "expected a mapping of name: value");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = Scalar(source, keyNode, field);
            result[key] = valueNode is YamlScalarNode { Value: { } value } ? value : throw Error(source, valueNode, $"{field}.{key}", "expected a text value");
        }

        return result;
    }

    private static Dictionary<string, YamlNode> Fields(string source, YamlNode node, string[] known, string prefix)
    {
        if (node is not YamlMappingNode map)
        {
            throw Error(source, node, prefix.Length == 0 ? "(root)" : prefix.TrimEnd('.'), "expected a mapping");
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw Error(source, keyNode, prefix + key, $"unknown field (expected one of {string.Join(", ", known)})");
            }

            fields[key] = valueNode;
        }

        return fields;
    }

    private static YamlNode Required(string source, YamlNode owner, Dictionary<string, YamlNode> fields, string key, string prefix) =>
        fields.TryGetValue(key, out var node) ? node : throw Error(source, owner, prefix + key, "is required");

    private static YamlSequenceNode Sequence(string source, YamlNode node, string field) =>
        node as YamlSequenceNode ?? throw Error(source, node, field, "expected a list");

    private static string Scalar(string source, YamlNode node, string field) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(source, node, field, "expected a value");

    private static GyreException Error(string source, YamlNode node, string field, string problem) =>
        GyreException.InvalidInput($"{source}:{node.Start.Line}:{node.Start.Column}: field '{field}': {problem}.");
}
