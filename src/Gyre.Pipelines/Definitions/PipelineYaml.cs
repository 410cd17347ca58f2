using System.Globalization;
using System.Text.RegularExpressions;
using Gyre.Core;
using Gyre.Pipelines.Scheduling;
using Gyre.Training.Specs;
using YamlDotNet.RepresentationModel;

namespace Gyre.Pipelines.Definitions;

/// <summary>
/// Reads and validates a pipeline file before anything runs. Every error is InvalidInput naming the file and line:
/// invalid YAML, an unknown key, an unknown step kind, a missing or unknown input, a malformed or unknown reference
/// (<c>${params.NAME}</c>, <c>${steps.ID.outputs.NAME}</c>), a dependency on an unknown step or on itself, and a
/// cycle (each step in it named with its line).
/// <code>
/// name: retrain-fraud
/// params: { data: fresh.csv }
/// steps:
///   check: { kind: data.validate, with: { data: "${params.data}" } }
///   train:
///     kind: train
///     with: { data: "${params.data}", label: is_fraud }
///     needs: [check]
///     retries: 1
///     timeout: 10m
///     cache: true      # default: the kind's (train yes; register and shell no)
///   register: { kind: register, with: { name: fraud, run: "${steps.train.outputs.run_id}" } }
/// </code>
/// </summary>
public static partial class PipelineYaml
{
    private static readonly string[] TopKeys = ["name", "description", "params", "steps", "concurrency", "triggers"];
    private static readonly string[] StepKeys = ["kind", "description", "with", "needs", "retries", "timeout", "cache"];

    public static async Task<PipelineDefinition> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw GyreException.NotFound($"Pipeline file '{path}' does not exist.");
        }

        return Read(await File.ReadAllTextAsync(path, cancellationToken), path);
    }

    public static PipelineDefinition Read(string yamlText, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourcePath);
        var yaml = new YamlFields(sourcePath);
        var root = yaml.LoadRoot(yamlText, "a pipeline is a YAML mapping with 'name' and 'steps'.");

        var top = yaml.Entries(root, TopKeys, "the pipeline");
        var name = top.TryGetValue("name", out var nameEntry)
            ? yaml.Text(nameEntry.Value, "name")
            : throw GyreException.InvalidInput($"{sourcePath}: the required field 'name' is missing.");
        var parameters = top.TryGetValue("params", out var paramsEntry)
            ? yaml.Mapping(paramsEntry.Value, "params").Children.ToDictionary(
                kv => yaml.Text(kv.Key, "a parameter name"), kv => Value(yaml, kv.Value, "params"), StringComparer.Ordinal)
            : new Dictionary<string, PipelineValue>(StringComparer.Ordinal);
        if (!top.TryGetValue("steps", out var stepsEntry) || yaml.Mapping(stepsEntry.Value, "steps").Children.Count == 0)
        {
            throw GyreException.InvalidInput($"{sourcePath}: 'steps' must list at least one step.");
        }

        var stepNodes = yaml.Mapping(stepsEntry.Value, "steps").Children.ToList();
        var steps = stepNodes.Select(kv => Step(yaml, kv.Key, kv.Value)).ToList();
        var duplicate = steps.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw GyreException.InvalidInput($"{sourcePath} line {duplicate.Last().Line}: step '{duplicate.Key}' is defined twice.");
        }

        foreach (var value in parameters.Values)
        {
            if (value.References.Count > 0)
            {
                throw GyreException.InvalidInput($"{sourcePath} line {value.Line}: parameters are plain values; '{value.References[0].Written}' cannot be used in params.");
            }
        }

        CheckReferences(sourcePath, parameters, steps);
        return new PipelineDefinition(name, sourcePath, parameters, steps, Stages(sourcePath, steps))
        {
            Concurrency = top.TryGetValue("concurrency", out var concurrency) ? yaml.WholeNumber(concurrency.Value, "concurrency", 1, 100) : 1,
            Triggers = top.TryGetValue("triggers", out var triggers) ? TriggerYaml.Read(yaml, triggers.Value, name, parameters.Keys) : [],
        };
    }

    private static StepDefinition Step(YamlFields yaml, YamlNode idNode, YamlNode node)
    {
        var id = yaml.Text(idNode, "a step id");
        if (!StepId().IsMatch(id))
        {
            throw yaml.Fail(idNode, $"step id '{id}' must start with a letter or '_' and hold only letters, digits, '_' and '-'.");
        }

        var e = yaml.Entries(node, StepKeys, $"step '{id}'");
        var kindName = e.TryGetValue("kind", out var kindEntry)
            ? yaml.Text(kindEntry.Value, "kind")
            : throw yaml.Fail(idNode, $"step '{id}' has no 'kind'; valid kinds are: {string.Join(", ", StepKinds.All.Select(k => k.Name))}.");
        var kind = StepKinds.Find(kindName)
            ?? throw yaml.Fail(kindEntry.Value, $"step '{id}' has unknown kind '{kindName}'; valid kinds are: {string.Join(", ", StepKinds.All.Select(k => k.Name))}.");
        var with = new Dictionary<string, PipelineValue>(StringComparer.Ordinal);
        if (e.TryGetValue("with", out var withEntry))
        {
            foreach (var (key, (keyNode, valueNode)) in yaml.Entries(withEntry.Value, [.. kind.Inputs], $"the inputs of step '{id}' ({kind.Name})"))
            {
                with[key] = Value(yaml, valueNode, $"{id}.with.{key}");
            }
        }

        var missing = kind.Required.Where(r => !with.ContainsKey(r)).ToList();
        if (kind.Name == "train" && !with.ContainsKey("spec") && !(with.ContainsKey("data") && with.ContainsKey("label")))
        {
            missing.Add("spec (or data and label)");
        }

        if (missing.Count > 0)
        {
            throw yaml.Fail(idNode, $"step '{id}' ({kind.Name}) is missing input(s): {string.Join(", ", missing)}.");
        }

        var needs = e.TryGetValue("needs", out var needsEntry) ? yaml.TextList(needsEntry.Value, "needs", "a step id or a list of step ids") : [];
        var retries = e.TryGetValue("retries", out var retriesEntry) ? yaml.WholeNumber(retriesEntry.Value, "retries", 0, 10) : 0;
        TimeSpan? timeout = e.TryGetValue("timeout", out var timeoutEntry) ? Duration(yaml, timeoutEntry.Value) : null;
        var step = new StepDefinition(id, kind, with, needs, retries, timeout, (int)idNode.Start.Line);
        return e.TryGetValue("cache", out var cacheEntry) ? step with { Cache = yaml.Bool(cacheEntry.Value, "cache") } : step;
    }

    private static PipelineValue Value(YamlFields yaml, YamlNode node, string key)
    {
        var value = new PipelineValue(yaml.Text(node, key), (int)node.Start.Line);
        if (value.Malformed().FirstOrDefault() is { } bad)
        {
            throw yaml.Fail(node, $"'{bad}' in '{key}' is not a reference; write ${{params.NAME}} or ${{steps.ID.outputs.NAME}}.");
        }

        return value;
    }

    /// <summary>"30s", "10m", "2h", "1h30m" or a number of seconds.</summary>
    private static TimeSpan Duration(YamlFields yaml, YamlNode node)
    {
        var text = yaml.Text(node, "timeout").Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plainSeconds) && plainSeconds > 0)
        {
            return TimeSpan.FromSeconds(plainSeconds);
        }

        var match = DurationPattern().Match(text);
        var seconds = match.Success
            ? (Part(match, "h") * 3600) + (Part(match, "m") * 60) + Part(match, "s")
            : 0;
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw yaml.Fail(node, $"'timeout' must be a duration such as 30s, 10m, 2h or 1h30m; got '{text}'.");
    }

    private static double Part(Match match, string unit) =>
        match.Groups[unit].Success ? double.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    private static void CheckReferences(string source, IReadOnlyDictionary<string, PipelineValue> parameters, List<StepDefinition> steps)
    {
        var byId = steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var step in steps)
        {
            foreach (var need in step.Needs)
            {
                if (need == step.Id || !byId.ContainsKey(need))
                {
                    throw GyreException.InvalidInput(need == step.Id
                        ? $"{source} line {step.Line}: step '{step.Id}' needs itself."
                        : $"{source} line {step.Line}: step '{step.Id}' needs unknown step '{need}'; steps are: {string.Join(", ", byId.Keys)}.");
                }
            }

            foreach (var value in step.With.Values)
            {
                foreach (var reference in value.References)
                {
                    if (reference.Step is null)
                    {
                        if (!parameters.ContainsKey(reference.Name))
                        {
                            throw GyreException.InvalidInput($"{source} line {value.Line}: '{reference.Written}' names no parameter; params are: {Names(parameters.Keys)}.");
                        }

                        continue;
                    }

                    if (reference.Step == step.Id || !byId.TryGetValue(reference.Step, out var target))
                    {
                        throw GyreException.InvalidInput(reference.Step == step.Id
                            ? $"{source} line {value.Line}: step '{step.Id}' cannot use its own output '{reference.Written}'."
                            : $"{source} line {value.Line}: '{reference.Written}' names unknown step '{reference.Step}'; steps are: {string.Join(", ", byId.Keys)}.");
                    }

                    if (!target.Kind.Outputs.Contains(reference.Name))
                    {
                        throw GyreException.InvalidInput(
                            $"{source} line {value.Line}: '{reference.Written}': a {target.Kind.Name} step has no output '{reference.Name}'; its outputs are: {string.Join(", ", target.Kind.Outputs)}.");
                    }
                }
            }
        }
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "(none)";

    /// <summary>The steps in stages (Kahn's algorithm, file order within a stage); a cycle is an error naming its steps and lines.</summary>
    private static List<IReadOnlyList<string>> Stages(string source, List<StepDefinition> steps)
    {
        var remaining = steps.ToDictionary(s => s.Id, s => s.DependsOn.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var stages = new List<IReadOnlyList<string>>();
        while (remaining.Count > 0)
        {
            var ready = steps.Where(s => remaining.TryGetValue(s.Id, out var deps) && deps.Count == 0).Select(s => s.Id).ToList();
            if (ready.Count == 0)
            {
                throw GyreException.InvalidInput($"{source}: the steps form a cycle (each needs the next): {Cycle(steps, remaining)}.");
            }

            foreach (var id in ready)
            {
                remaining.Remove(id);
            }

            foreach (var deps in remaining.Values)
            {
                deps.ExceptWith(ready);
            }

            stages.Add(ready);
        }

        return stages;
    }

    /// <summary>One cycle among the steps left (each has a dependency left), as "a (line 3) → b (line 9) → a (line 3)".</summary>
    private static string Cycle(List<StepDefinition> steps, Dictionary<string, HashSet<string>> remaining)
    {
        var byId = steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var path = new List<string>();
        var current = steps.First(s => remaining.ContainsKey(s.Id)).Id;
        while (!path.Contains(current))
        {
            path.Add(current);
            current = byId[current].DependsOn.First(remaining.ContainsKey);
        }

        var cycle = path.Skip(path.IndexOf(current)).Append(current);
        return string.Join(" → ", cycle.Select(id => $"{id} (line {byId[id].Line})"));
    }

    [GeneratedRegex(@"^[A-Za-z_][\w-]*$")]
    private static partial Regex StepId();

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$")]
    private static partial Regex DurationPattern();
}
