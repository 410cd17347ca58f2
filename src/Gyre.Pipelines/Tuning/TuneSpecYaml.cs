using Gyre.Core;
using Gyre.Training.Specs;
using Gyre.Training.Trainers;
using Gyre.Tuning;
using YamlDotNet.RepresentationModel;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// Reads a <see cref="TuneSpec"/> from YAML (format in docs/tuning.md). Every error is InvalidInput naming the
/// file, the line and column, and the field. The study name defaults to the spec file's name without extension.
/// Thread-safe.
/// </summary>
public static class TuneSpecYaml
{
    private static readonly string[] TopKeys =
    [
        "data", "label", "task", "trainer", "metric", "direction", "validation", "trials", "timeout", "seed", "sampler", "pruner",
        "study", "experiment", "ignore", "positive_class", "search_space",
    ];

    private static readonly string[] ValidationKeys = ["kind", "folds", "test_fraction"];

    private static readonly Dictionary<string, TaskKind> Tasks = new(StringComparer.Ordinal)
    {
        ["binary"] = TaskKind.Binary, ["multiclass"] = TaskKind.Multiclass, ["regression"] = TaskKind.Regression,
    };

    private static readonly Dictionary<string, StudyDirection> Directions = new(StringComparer.Ordinal)
    {
        ["maximize"] = StudyDirection.Maximize, ["minimize"] = StudyDirection.Minimize,
    };

    private static readonly Dictionary<string, TuneValidationKind> Kinds = new(StringComparer.Ordinal)
    {
        ["holdout"] = TuneValidationKind.Holdout, ["kfold"] = TuneValidationKind.KFold,
    };

    /// <summary>Reads the spec file at <paramref name="path"/>; NotFound when it does not exist, InvalidInput for any error in it.</summary>
    public static async Task<TuneSpec> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw GyreException.NotFound($"Tuning spec '{path}' does not exist.");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
    }

    /// <summary>Parses spec text; <paramref name="sourcePath"/> prefixes errors, anchors a relative data path and names the default study.</summary>
    public static TuneSpec Parse(string yamlText, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourcePath);
        var yaml = new YamlFields(sourcePath);
        var root = yaml.LoadRoot(yamlText, "a tuning spec is a YAML mapping with at least data, label, task and search_space.");

        var e = yaml.Entries(root, TopKeys, "the spec");
        (YamlNode Key, YamlNode Value) Required(string key) => e.TryGetValue(key, out var entry)
            ? entry
            : throw GyreException.InvalidInput($"{sourcePath}: the required field '{key}' is missing.");

        var task = yaml.OneOf(Required("task").Value, "task", Tasks);
        var trainerName = e.TryGetValue("trainer", out var trainerEntry) ? yaml.Text(trainerEntry.Value, "trainer") : "lightgbm";
        var trainer = yaml.Checked(trainerEntry.Value ?? root, "trainer", () => TrainerCatalog.For(trainerName, task));
        var metric = e.TryGetValue("metric", out var metricEntry)
            ? yaml.Checked(metricEntry.Value, "metric", () => TuneMetrics.Resolve(yaml.Text(metricEntry.Value, "metric"), task))
            : TuneMetrics.Default(task);
        var spec = new TuneSpec
        {
            Data = RelativeTo(sourcePath, yaml.Text(Required("data").Value, "data")),
            Label = yaml.Text(Required("label").Value, "label"),
            Task = task,
            Trainer = trainer.Name,
            Metric = metric,
            Direction = e.TryGetValue("direction", out var direction) ? yaml.OneOf(direction.Value, "direction", Directions) : TuneMetrics.DirectionOf(metric),
            Study = e.TryGetValue("study", out var study) ? yaml.Text(study.Value, "study") : Path.GetFileNameWithoutExtension(sourcePath),
            SearchSpace = SearchSpaceYaml.Read(yaml, Required("search_space").Value, trainer),
        };
        if (e.TryGetValue("validation", out var validation))
        {
            spec = spec with { Validation = Validation(yaml, validation.Value) };
        }

        if (e.TryGetValue("trials", out var trials))
        {
            spec = spec with { Trials = yaml.WholeNumber(trials.Value, "trials", 1, 1_000_000) };
        }

        if (e.TryGetValue("timeout", out var timeout))
        {
            spec = spec with { Timeout = yaml.Checked(timeout.Value, "timeout", () => TuneDuration.Parse(yaml.Text(timeout.Value, "timeout"), "timeout")) };
        }

        if (e.TryGetValue("seed", out var seed))
        {
            spec = spec with { Seed = yaml.WholeNumber(seed.Value, "seed", int.MinValue, int.MaxValue) };
        }

        if (e.TryGetValue("sampler", out var sampler))
        {
            spec = spec with { Sampler = yaml.OneOf(sampler.Value, "sampler", TuneSamplerFactory.Names.ToDictionary(n => n, n => n)) };
        }

        if (e.TryGetValue("pruner", out var pruner))
        {
            spec = spec with { Pruner = yaml.OneOf(pruner.Value, "pruner", TunePrunerFactory.Names.ToDictionary(n => n, n => n)) };
        }

        if (e.TryGetValue("experiment", out var experiment))
        {
            spec = spec with { Experiment = yaml.Text(experiment.Value, "experiment") };
        }

        if (e.TryGetValue("ignore", out var ignore))
        {
            spec = spec with { Ignore = yaml.TextList(ignore.Value, "ignore") };
        }

        if (e.TryGetValue("positive_class", out var positive))
        {
            spec = spec with { PositiveClass = yaml.Text(positive.Value, "positive_class") };
        }

        return spec;
    }

    private static TuneValidation Validation(YamlFields yaml, YamlNode node)
    {
        var e = yaml.Entries(node, ValidationKeys, "validation");
        var kind = e.TryGetValue("kind", out var kindEntry) ? yaml.OneOf(kindEntry.Value, "validation.kind", Kinds) : TuneValidationKind.Holdout;
        var validation = new TuneValidation { Kind = kind };
        if (e.TryGetValue("folds", out var folds))
        {
            if (kind != TuneValidationKind.KFold)
            {
                throw yaml.Fail(folds.Key, "'validation.folds' applies to kind: kfold.");
            }

            validation = validation with { Folds = yaml.WholeNumber(folds.Value, "validation.folds", 2, 100) };
        }

        if (e.TryGetValue("test_fraction", out var fraction))
        {
            if (kind != TuneValidationKind.Holdout)
            {
                throw yaml.Fail(fraction.Key, "'validation.test_fraction' applies to kind: holdout.");
            }

            var value = yaml.Number(fraction.Value, "validation.test_fraction");
            validation = value is > 0 and < 1
                ? validation with { TestFraction = value }
                : throw yaml.Fail(fraction.Value, $"'validation.test_fraction' must be in (0, 1); got {yaml.Text(fraction.Value, "validation.test_fraction")}.");
        }

        return validation;
    }

    private static string RelativeTo(string sourcePath, string path) =>
        Path.IsPathRooted(path) || !File.Exists(sourcePath) ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sourcePath))!, path);
}
