using System.Globalization;
using Gyre.Core;
using Gyre.Training.Trainers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gyre.Training.Specs;

/// <summary>
/// Reads a <see cref="TrainingSpec"/> from YAML (snake_case keys; format in docs/training-spec.md). Every
/// error is an InvalidInput <see cref="GyreException"/> whose message starts with "file line L, column C:"
/// and names the key or value at fault. Thread-safe.
/// </summary>
public static class TrainingSpecYaml
{
    private static readonly string[] TopKeys =
        ["data", "test_data", "experiment", "label", "task", "trainer", "hyperparameters", "seed", "positive_class", "validation", "featurization", "ignore", "permutation_importance", "permutation_repeats"];

    private static readonly string[] ValidationKeys = ["holdout_fraction", "folds", "stratified"];

    private static readonly string[] FeaturizationKeys = ["one_hot_max_cardinality", "hash_bits", "columns"];

    /// <summary>Reads and parses the spec file at <paramref name="path"/>.</summary>
    /// <exception cref="GyreException">NotFound when the file does not exist; InvalidInput for any error in it.</exception>
    public static async Task<TrainingSpec> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw GyreException.NotFound($"Training spec '{path}' does not exist.");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
    }

    /// <summary>Parses spec text; <paramref name="sourceName"/> (usually the file path) prefixes error messages.</summary>
    public static TrainingSpec Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return new Reader(sourceName).Read(yaml);
    }

    private sealed class Reader(string source) : YamlFields(source)
    {
        public TrainingSpec Read(string yaml)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException ex)
            {
                throw GyreException.InvalidInput($"{Source} line {ex.Start.Line}, column {ex.Start.Column}: invalid YAML: {ex.Message}");
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                throw GyreException.InvalidInput($"{Source}: a training spec is a YAML mapping with at least 'label' and 'task'.");
            }

            var entries = Entries(root, TopKeys, "the spec");
            if (!entries.TryGetValue("label", out var labelEntry))
            {
                throw GyreException.InvalidInput($"{Source}: the required key 'label' is missing.");
            }

            if (!entries.TryGetValue("task", out var taskEntry))
            {
                throw GyreException.InvalidInput($"{Source}: the required key 'task' is missing (binary, multiclass or regression).");
            }

            var task = OneOf(taskEntry.Value, "task", new Dictionary<string, TaskKind> { ["binary"] = TaskKind.Binary, ["multiclass"] = TaskKind.Multiclass, ["regression"] = TaskKind.Regression });
            var spec = new TrainingSpec { Label = Text(labelEntry.Value, "label"), Task = task };
            if (entries.TryGetValue("trainer", out var trainer))
            {
                spec = spec with { Trainer = Text(trainer.Value, "trainer") };
                Checked(trainer.Value, () => TrainerCatalog.For(spec.Trainer, task));
            }

            if (entries.TryGetValue("hyperparameters", out var hps))
            {
                spec = spec with { Hyperparameters = Hyperparameters(hps.Value, spec.Trainer, task, trainer.Value ?? taskEntry.Value) };
            }

            if (entries.TryGetValue("data", out var data))
            {
                spec = spec with { Data = RelativeToSpec(Text(data.Value, "data")) };
            }

            if (entries.TryGetValue("test_data", out var testData))
            {
                spec = spec with { TestData = RelativeToSpec(Text(testData.Value, "test_data")) };
            }

            if (entries.TryGetValue("experiment", out var experiment))
            {
                spec = spec with { Experiment = Text(experiment.Value, "experiment") };
            }

            if (entries.TryGetValue("seed", out var seed))
            {
                spec = spec with { Seed = WholeNumber(seed.Value, "seed", int.MinValue, int.MaxValue) };
            }

            if (entries.TryGetValue("positive_class", out var positive))
            {
                spec = spec with { PositiveClass = Text(positive.Value, "positive_class") };
            }

            if (entries.TryGetValue("validation", out var validation))
            {
                spec = spec with { Validation = Validation(validation.Value) };
            }

            if (entries.TryGetValue("featurization", out var featurization))
            {
                spec = spec with { Featurization = Featurization(featurization.Value) };
            }

            if (entries.TryGetValue("ignore", out var ignore))
            {
                spec = spec with { Ignore = TextList(ignore.Value, "ignore", "a list of column names") };
            }

            if (entries.TryGetValue("permutation_importance", out var importance))
            {
                spec = spec with { PermutationImportance = Bool(importance.Value, "permutation_importance") };
            }

            if (entries.TryGetValue("permutation_repeats", out var repeats))
            {
                spec = spec with { PermutationRepeats = WholeNumber(repeats.Value, "permutation_repeats", 1, 1000) };
            }

            return spec;
        }

        /// <summary>A data path from the spec, resolved against the spec file's folder when the source is a file.</summary>
        private string RelativeToSpec(string path) =>
            Path.IsPathRooted(path) || !File.Exists(Source) ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Source))!, path);

        private Dictionary<string, string> Hyperparameters(YamlNode node, string trainerName, TaskKind task, YamlNode trainerNode)
        {
            var mapping = Mapping(node, "hyperparameters");
            var trainer = Checked(trainerNode, () => TrainerCatalog.For(trainerName, task));
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = Text(keyNode, "hyperparameters key");
                var hp = Checked(keyNode, () => TrainerCatalog.FindHyperparameter(trainer, key));
                var value = Text(valueNode, $"hyperparameters.{key}");
                Checked(valueNode, () => TrainerCatalog.CanonicalValue(trainer, hp, value));
                if (result.ContainsKey(hp.Name))
                {
                    throw Fail(keyNode, $"hyperparameter '{hp.Name}' is given twice (through an alias).");
                }

                result[hp.Name] = value;
            }

            return result;
        }

        private ValidationSpec Validation(YamlNode node)
        {
            var entries = Entries(Mapping(node, "validation"), ValidationKeys, "validation");
            var spec = new ValidationSpec();
            if (entries.TryGetValue("holdout_fraction", out var fraction))
            {
                var value = Number(fraction.Value, "validation.holdout_fraction");
                if (!(value is >= 0 and < 1))
                {
                    throw Fail(fraction.Value, $"validation.holdout_fraction must be in [0, 1); got {value.ToString(CultureInfo.InvariantCulture)}.");
                }

                spec = spec with { HoldoutFraction = value };
            }

            if (entries.TryGetValue("folds", out var folds))
            {
                spec = spec with { Folds = WholeNumber(folds.Value, "validation.folds", 0, 1000) };
            }

            if (entries.TryGetValue("stratified", out var stratified))
            {
                spec = spec with { Stratified = Bool(stratified.Value, "validation.stratified") };
            }

            return spec;
        }

        private FeaturizationSpec Featurization(YamlNode node)
        {
            var entries = Entries(Mapping(node, "featurization"), FeaturizationKeys, "featurization");
            var spec = new FeaturizationSpec();
            if (entries.TryGetValue("one_hot_max_cardinality", out var max))
            {
                spec = spec with { OneHotMaxCardinality = WholeNumber(max.Value, "featurization.one_hot_max_cardinality", 1, int.MaxValue) };
            }

            if (entries.TryGetValue("hash_bits", out var bits))
            {
                spec = spec with { HashBits = WholeNumber(bits.Value, "featurization.hash_bits", 1, 30) };
            }

            if (entries.TryGetValue("columns", out var columns))
            {
                var kinds = new Dictionary<string, FeatureKind>(StringComparer.Ordinal);
                var names = new Dictionary<string, FeatureKind>
                {
                    ["numeric"] = FeatureKind.Numeric, ["categorical"] = FeatureKind.Categorical, ["onehot"] = FeatureKind.OneHot,
                    ["one_hot"] = FeatureKind.OneHot, ["hash"] = FeatureKind.Hash, ["text"] = FeatureKind.Text,
                    ["datetime"] = FeatureKind.DateTime, ["date_time"] = FeatureKind.DateTime, ["ignore"] = FeatureKind.Ignore,
                };
                foreach (var (keyNode, valueNode) in Mapping(columns.Value, "featurization.columns").Children)
                {
                    var column = Text(keyNode, "featurization.columns key");
                    kinds[column] = OneOf(valueNode, $"featurization.columns.{column}", names);
                }

                spec = spec with { Columns = kinds };
            }

            return spec;
        }

    }
}
