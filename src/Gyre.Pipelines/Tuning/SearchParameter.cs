using System.Globalization;
using Gyre.Tuning;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// One search-space entry: <paramref name="Name"/> is the trainer's canonical hyperparameter name (the
/// study's parameter name), <paramref name="SpecName"/> what the spec wrote. Int and float use
/// <paramref name="Low"/>..<paramref name="High"/> (inclusive), <paramref name="Log"/> and optional
/// <paramref name="Step"/>; categorical uses <paramref name="Choices"/> (numbers as double).
/// </summary>
public sealed record SearchParameter(
    string Name,
    string SpecName,
    SearchParameterType Type,
    double Low,
    double High,
    bool Log,
    double? Step,
    IReadOnlyList<object?> Choices)
{
    /// <summary>Suggests this parameter in <paramref name="trial"/> and returns it as invariant text for the trainer.</summary>
    public string Suggest(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Type switch
        {
            SearchParameterType.WholeNumber => trial.SuggestInt(Name, (long)Low, (long)High, Log, (long)(Step ?? 1)).ToString(CultureInfo.InvariantCulture),
            SearchParameterType.Real => trial.SuggestFloat(Name, Low, High, Log, Step).ToString("R", CultureInfo.InvariantCulture),
            _ => Format(trial.SuggestCategorical(Name, Choices)),
        };
    }

    /// <summary>A choice or suggested value as invariant text.</summary>
    public static string Format(object? value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        null => "",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
