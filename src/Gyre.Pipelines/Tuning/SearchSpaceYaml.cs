using System.Globalization;
using Gyre.Training.Specs;
using Gyre.Training.Trainers;
using Gyre.Tuning.Distributions;
using YamlDotNet.RepresentationModel;

namespace Gyre.Pipelines.Tuning;

/// <summary>Reads a spec's <c>search_space</c>: name → {type: int|float|categorical, low, high, log, step, choices}, checked against the trainer.</summary>
internal static class SearchSpaceYaml
{
    private static readonly string[] Keys = ["type", "low", "high", "log", "step", "choices"];

    private static readonly Dictionary<string, SearchParameterType> Types = new(StringComparer.Ordinal)
    {
        ["int"] = SearchParameterType.WholeNumber, ["float"] = SearchParameterType.Real, ["categorical"] = SearchParameterType.Categorical,
    };

    public static List<SearchParameter> Read(YamlFields yaml, YamlNode node, TrainerInfo trainer)
    {
        if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            throw yaml.Fail(node, "'search_space' must map at least one hyperparameter name to {type, low, high} or {type: categorical, choices}.");
        }

        var result = new List<SearchParameter>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var specName = yaml.Text(keyNode, "search_space key");
            var field = "search_space." + specName;
            var hp = yaml.Checked(keyNode, field, () => HyperparameterNames.Find(trainer, specName));
            if (result.Any(p => p.Name == hp.Name))
            {
                throw yaml.Fail(keyNode, $"'{field}': hyperparameter '{hp.Name}' appears twice in search_space.");
            }

            result.Add(Parameter(yaml, valueNode, field, specName, trainer, hp));
        }

        return result;
    }

    private static SearchParameter Parameter(YamlFields yaml, YamlNode node, string field, string specName, TrainerInfo trainer, HyperparameterInfo hp)
    {
        var entries = yaml.Entries(node, Keys, field);
        if (!entries.TryGetValue("type", out var typeEntry))
        {
            throw yaml.Fail(node, $"'{field}.type' is missing (int, float or categorical).");
        }

        var type = yaml.OneOf(typeEntry.Value, field + ".type", Types);
        if (type == SearchParameterType.Real && hp.Type == HyperparameterType.WholeNumber)
        {
            throw yaml.Fail(typeEntry.Value, $"'{field}.type': '{hp.Name}' of trainer '{trainer.Name}' is an integer; use type: int.");
        }

        if (type == SearchParameterType.Categorical)
        {
            if (!entries.TryGetValue("choices", out var choicesEntry))
            {
                throw yaml.Fail(node, $"'{field}.choices' is missing: a categorical parameter lists its choices.");
            }

            var choices = yaml.TextList(choicesEntry.Value, field + ".choices")
                .Select(c => (object?)double.Parse(yaml.Checked(choicesEntry.Value, field + ".choices", () => TrainerCatalog.CanonicalValue(trainer, hp, c)), CultureInfo.InvariantCulture))
                .ToList();
            _ = yaml.Checked(choicesEntry.Value, field + ".choices", () => new CategoricalDistribution(choices, hp.Name));
            return new SearchParameter(hp.Name, specName, type, 0, 0, false, null, choices);
        }

        var low = Bound(yaml, entries, "low", field, trainer, hp, node);
        var high = Bound(yaml, entries, "high", field, trainer, hp, node);
        var log = entries.TryGetValue("log", out var logEntry) && yaml.Bool(logEntry.Value, field + ".log");
        double? step = entries.TryGetValue("step", out var stepEntry) ? yaml.Number(stepEntry.Value, field + ".step") : null;
        _ = yaml.Checked(node, field, () => type == SearchParameterType.WholeNumber
            ? (ParameterDistribution)new IntDistribution((long)low, (long)high, log, (long)(step ?? 1), hp.Name)
            : new FloatDistribution(low, high, log, step, hp.Name));
        if (type == SearchParameterType.WholeNumber && (low != Math.Floor(low) || high != Math.Floor(high) || (step is { } s && s != Math.Floor(s))))
        {
            throw yaml.Fail(node, $"'{field}': an int parameter needs integer low, high and step.");
        }

        return new SearchParameter(hp.Name, specName, type, low, high, log, step, []);
    }

    private static double Bound(YamlFields yaml, Dictionary<string, (YamlNode Key, YamlNode Value)> entries, string key, string field, TrainerInfo trainer, HyperparameterInfo hp, YamlNode node)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            throw yaml.Fail(node, $"'{field}.{key}' is missing.");
        }

        var text = yaml.Text(entry.Value, $"{field}.{key}");
        return double.Parse(yaml.Checked(entry.Value, $"{field}.{key}", () => TrainerCatalog.CanonicalValue(trainer, hp, text)), CultureInfo.InvariantCulture);
    }
}
