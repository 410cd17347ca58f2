using Gyre.Core;

namespace Gyre.Tuning.Distributions;

/// <summary>
/// One of a fixed list of choices (string, double, long, bool or null). Internal value = index.
/// Records compare by reference of the list, so use <see cref="SameChoices"/> for structural checks.
/// </summary>
public sealed record CategoricalDistribution : ParameterDistribution
{
    /// <summary>Creates the distribution; throws <see cref="GyreException"/> (InvalidInput) naming <paramref name="name"/>.</summary>
    public CategoricalDistribution(IReadOnlyList<object?> choices, string name = "parameter")
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0)
            throw GyreException.InvalidInput($"Parameter '{name}': categorical needs at least one choice.");
        var normalised = new object?[choices.Count];
        for (var i = 0; i < choices.Count; i++)
        {
            normalised[i] = choices[i] switch
            {
                null or string or double or long or bool => choices[i],
                int v => (long)v,
                float v => (double)v,
                _ => throw GyreException.InvalidInput(
                    $"Parameter '{name}': choice {i} has type {choices[i]!.GetType().Name}; only string, double, long, bool or null are allowed."),
            };
        }
        Choices = normalised;
    }

    /// <summary>The choices, in order.</summary>
    public IReadOnlyList<object?> Choices { get; }

    /// <summary>Structural equality of the choice lists.</summary>
    public bool SameChoices(CategoricalDistribution other) =>
        other is not null && Choices.SequenceEqual(other.Choices);

    /// <inheritdoc />
    public override double ToInternal(object? value)
    {
        var normalised = value switch { int v => (long)v, float v => (double)v, _ => value };
        for (var i = 0; i < Choices.Count; i++)
            if (Equals(Choices[i], normalised)) return i;
        throw GyreException.InvalidInput($"Value '{value}' is not one of the categorical choices.");
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => Choices[(int)internalValue];

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        internalValue >= 0 && internalValue < Choices.Count && internalValue == Math.Round(internalValue);

    /// <summary>Structural equality (choice lists compared element-wise).</summary>
    public bool Equals(CategoricalDistribution? other) => other is not null && SameChoices(other);

    /// <inheritdoc />
    public override int GetHashCode() => Choices.Count;
}
