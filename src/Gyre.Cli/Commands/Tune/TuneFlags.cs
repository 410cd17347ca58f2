using System.Globalization;
using System.Text;
using System.Text.Json;
using Gyre.Core;

namespace Gyre.Cli.Commands.Tune;

/// <summary>
/// `gyre tune` without a spec file: the flags are written as the spec's YAML and read by the same reader, so
/// a study from flags is checked exactly as one from a file. A search-space entry is
/// <c>--param NAME=int:LOW:HIGH[:log]</c>, <c>NAME=float:LOW:HIGH[:log]</c> or <c>NAME=categorical:A,B,C</c>;
/// validation is <c>kfold[:FOLDS]</c> or <c>holdout[:TEST_FRACTION]</c>. Errors name the flag.
/// </summary>
public sealed record TuneFlags(
    string Data,
    string Label,
    string Task,
    string? Trainer,
    string? Metric,
    string? Validation,
    string? Sampler,
    string? Pruner,
    IReadOnlyList<string> Parameters)
{
    /// <summary>The spec's YAML text; <paramref name="dataPath"/> is the data file, already resolved.</summary>
    public string ToYaml(string dataPath)
    {
        if (Parameters.Count == 0)
            throw GyreException.InvalidInput("--param is required without --spec: give at least one, e.g. --param num_leaves=int:4:64:log.");
        var yaml = new StringBuilder();
        Line(yaml, "data", Quote(dataPath));
        Line(yaml, "label", Quote(Label));
        Line(yaml, "task", Quote(Task));
        if (Trainer is not null) Line(yaml, "trainer", Quote(Trainer));
        if (Metric is not null) Line(yaml, "metric", Quote(Metric));
        if (Sampler is not null) Line(yaml, "sampler", Quote(Sampler));
        if (Pruner is not null) Line(yaml, "pruner", Quote(Pruner));
        if (Validation is not null) Line(yaml, "validation", ValidationYaml(Validation));
        Line(yaml, "study", Quote(DefaultStudy));
        yaml.Append("search_space:\n");
        foreach (var parameter in Parameters) yaml.Append("  ").Append(ParameterYaml(parameter)).Append('\n');
        return yaml.ToString();
    }

    /// <summary>The study's name unless --study gives one: the data file's name and the trainer, e.g. fraud-lightgbm.</summary>
    public string DefaultStudy => $"{Path.GetFileNameWithoutExtension(Data)}-{Trainer ?? "lightgbm"}";

    private static string ValidationYaml(string flag)
    {
        var parts = flag.Split(':');
        return parts switch
        {
            ["kfold"] => "{kind: kfold}",
            ["kfold", var folds] when int.TryParse(folds, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => $"{{kind: kfold, folds: {folds}}}",
            ["holdout"] => "{kind: holdout}",
            ["holdout", var fraction] when double.TryParse(fraction, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => $"{{kind: holdout, test_fraction: {fraction}}}",
            _ => throw GyreException.InvalidInput($"--validation must be kfold[:FOLDS] or holdout[:TEST_FRACTION]; got '{flag}'."),
        };
    }

    private static string ParameterYaml(string flag)
    {
        var equals = flag.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? flag[..equals].Trim() : "";
        var parts = equals > 0 ? flag[(equals + 1)..].Split(':') : [];
        var body = parts switch
        {
            ["int" or "float", var low, var high] when IsNumber(low) && IsNumber(high) => $"{{type: {parts[0]}, low: {low}, high: {high}}}",
            ["int" or "float", var low, var high, "log"] when IsNumber(low) && IsNumber(high) => $"{{type: {parts[0]}, low: {low}, high: {high}, log: true}}",
            ["categorical", var choices] when choices.Length > 0 =>
                $"{{type: categorical, choices: [{string.Join(", ", choices.Split(',').Select(c => c.Trim()))}]}}",
            _ => null,
        };
        if (name.Length == 0 || name.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '-')) || body is null)
            throw GyreException.InvalidInput(
                $"--param '{flag}' must be NAME=int:LOW:HIGH[:log], NAME=float:LOW:HIGH[:log] or NAME=categorical:A,B,C.");
        return $"{name}: {body}";
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static void Line(StringBuilder yaml, string key, string value) => yaml.Append(key).Append(": ").Append(value).Append('\n');

    /// <summary>A YAML double-quoted scalar (JSON string syntax is valid YAML).</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
