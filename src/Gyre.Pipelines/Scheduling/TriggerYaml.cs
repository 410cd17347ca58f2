using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gyre.Core;
using Gyre.Training.Specs;
using YamlDotNet.RepresentationModel;

namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// Reads a pipeline file's <c>triggers</c> list. Each item has exactly one of <c>cron</c>, <c>alert</c>, <c>files</c>,
/// <c>alias</c>, plus options; every error names the file and line.
/// <code>
/// triggers:
///   - cron: "0 3 * * *"            # minute hour day-of-month month day-of-week
///     timezone: Europe/Berlin      # default UTC
///   - alert: accuracy-drop         # a rule name, or "*" for any rule
///     model: fraud                 # only alerts on this model (optional)
///   - files: incoming/*.csv        # folder (relative to the pipeline file) and file name pattern
///     params: { data: "${event.path}" }
///   - alias: fraud@champion        # the alias moved
/// </code>
/// </summary>
public static partial class TriggerYaml
{
    private static readonly string[] Keys = ["cron", "timezone", "alert", "model", "files", "alias", "params"];
    private static readonly string[] KindKeys = ["cron", "alert", "files", "alias"];

    /// <param name="parameters">The pipeline's parameter names: trigger params may only set these.</param>
    public static IReadOnlyList<TriggerDefinition> Read(YamlFields yaml, YamlNode node, string pipelineName, ICollection<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (node is not YamlSequenceNode items)
        {
            throw yaml.Fail(node, "'triggers' must be a list; each item has one of cron, alert, files, alias.");
        }

        var triggers = items.Children.Select(item => Item(yaml, item, pipelineName, parameters)).ToList();
        var twice = triggers.GroupBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? triggers
            : throw GyreException.InvalidInput($"{yaml.Source} line {twice.Last().Line}: the trigger '{twice.Last().Description}' is given twice.");
    }

    private static TriggerDefinition Item(YamlFields yaml, YamlNode node, string pipelineName, ICollection<string> parameters)
    {
        var e = yaml.Entries(node, Keys, "a trigger");
        var kinds = KindKeys.Where(e.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            throw yaml.Fail(node, $"a trigger has exactly one of cron, alert, files, alias; this one has {(kinds.Count == 0 ? "none" : string.Join(" and ", kinds))}.");
        }

        var kind = Enum.Parse<TriggerKind>(kinds[0], ignoreCase: true);
        var line = (int)node.Start.Line;
        var allowed = kind switch
        {
            TriggerKind.Cron => new[] { "cron", "timezone", "params" },
            TriggerKind.Alert => ["alert", "model", "params"],
            _ => [kinds[0], "params"],
        };
        var extra = e.Keys.FirstOrDefault(k => !allowed.Contains(k));
        if (extra is not null)
        {
            throw yaml.Fail(e[extra].Key, $"'{extra}' does not apply to a {kinds[0]} trigger; it takes: {string.Join(", ", allowed)}.");
        }

        var value = e[kinds[0]].Value;
        var text = yaml.Text(value, kinds[0]).Trim();
        var trigger = kind switch
        {
            TriggerKind.Cron => Cron(yaml, value, text, e.TryGetValue("timezone", out var zone) ? zone.Value : null, line),
            TriggerKind.Alert => new TriggerDefinition(kind, string.Empty, string.Empty, line)
            {
                Rule = text == "*" ? null : text,
                Model = e.TryGetValue("model", out var model) ? yaml.Text(model.Value, "model") : null,
            },
            TriggerKind.Files => Files(yaml, value, text, line),
            TriggerKind.Alias => Alias(yaml, value, text, line),
            _ => throw new InvalidOperationException(),
        };
        trigger = trigger with { Params = e.TryGetValue("params", out var p) ? Params(yaml, p.Value, kind, parameters) : trigger.Params };
        var description = Describe(trigger);
        return trigger with { Description = description, Key = Key(pipelineName, description) };
    }

    private static TriggerDefinition Cron(YamlFields yaml, YamlNode node, string expression, YamlNode? zoneNode, int line)
    {
        var zone = TimeZoneInfo.Utc;
        if (zoneNode is not null)
        {
            var id = yaml.Text(zoneNode, "timezone");
            zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found)
                ? found
                : throw yaml.Fail(zoneNode, $"'timezone': '{id}' is not a known time zone (use an IANA name such as Europe/Berlin).");
        }

        var schedule = yaml.Checked(node, "cron", () => CronSchedule.Parse(expression, zone));
        return new TriggerDefinition(TriggerKind.Cron, string.Empty, string.Empty, line) { Schedule = schedule };
    }

    private static TriggerDefinition Files(YamlFields yaml, YamlNode node, string text, int line)
    {
        var pipelineFolder = Path.GetDirectoryName(Path.GetFullPath(yaml.Source))!;
        var full = Path.GetFullPath(text, pipelineFolder);
        var pattern = Path.GetFileName(full);
        var folder = Path.GetDirectoryName(full)!;
        if (pattern.Length == 0 || Directory.Exists(full))
        {
            (folder, pattern) = (full.TrimEnd(Path.DirectorySeparatorChar), "*");
        }

        if (folder.IndexOfAny(['*', '?']) >= 0)
        {
            throw yaml.Fail(node, $"'files': '{text}': only the file name may hold * or ? (write FOLDER/PATTERN, e.g. incoming/*.csv).");
        }

        return new TriggerDefinition(TriggerKind.Files, string.Empty, string.Empty, line) { Folder = folder, Pattern = pattern };
    }

    private static TriggerDefinition Alias(YamlFields yaml, YamlNode node, string text, int line)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == text.Length - 1)
        {
            throw yaml.Fail(node, $"'alias': '{text}' must be MODEL@ALIAS (e.g. fraud@champion).");
        }

        return new TriggerDefinition(TriggerKind.Alias, string.Empty, string.Empty, line) { Model = text[..at], Alias = text[(at + 1)..] };
    }

    private static Dictionary<string, string> Params(YamlFields yaml, YamlNode node, TriggerKind kind, ICollection<string> parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in yaml.Mapping(node, "params").Children)
        {
            var name = yaml.Text(keyNode, "a parameter name");
            if (!parameters.Contains(name))
            {
                throw yaml.Fail(keyNode, $"trigger params: the pipeline has no parameter '{name}'; its params are: {string.Join(", ", parameters)}.");
            }

            var template = yaml.Text(valueNode, $"params.{name}");
            foreach (Match reference in Reference().Matches(template))
            {
                var field = reference.Groups["field"].Value;
                if (!TriggerEvents.Fields(kind).Contains(field))
                {
                    throw yaml.Fail(valueNode, $"'{reference.Value}': a {TriggerEvents.Name(kind)} event has no '{field}'; it has: {string.Join(", ", TriggerEvents.Fields(kind))}.");
                }
            }

            result[name] = template;
        }

        return result;
    }

    /// <summary>The trigger's params with <c>${event.NAME}</c> replaced by <paramref name="trigger"/>'s event values.</summary>
    public static Dictionary<string, string> Resolve(TriggerDefinition trigger, TriggerEvent triggered)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(triggered);
        return trigger.Params.ToDictionary(
            p => p.Key,
            p => Reference().Replace(p.Value, m => triggered.Values.GetValueOrDefault(m.Groups["field"].Value, string.Empty)),
            StringComparer.Ordinal);
    }

    private static string Describe(TriggerDefinition t) => t.Kind switch
    {
        TriggerKind.Cron => $"cron {t.Schedule}{(t.Schedule!.TimeZone == TimeZoneInfo.Utc ? string.Empty : $" ({t.Schedule.TimeZone.Id})")}",
        TriggerKind.Alert => $"alert {t.Rule ?? "*"}{(t.Model is null ? string.Empty : " on " + t.Model)}",
        TriggerKind.Files => $"files {Path.Combine(t.Folder!, t.Pattern)}",
        TriggerKind.Alias => $"alias {t.Model}@{t.Alias}",
        _ => throw new InvalidOperationException(),
    };

    private static string Key(string pipelineName, string description) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pipelineName + "\n" + description)), 0, 12);

    [GeneratedRegex(@"\$\{event\.(?<field>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();
}
