using Gyre.Core;

namespace Gyre.Tuning.Distributions;

/// <summary>
/// An integer in [Low, High], optionally log scale (then Step must be 1). As Optuna, High is lowered
/// to Low + k·Step when Step does not divide the range.
/// </summary>
public sealed record IntDistribution : ParameterDistribution
{
    /// <summary>Creates the distribution; throws <see cref="GyreException"/> (InvalidInput) naming <paramref name="name"/>.</summary>
    public IntDistribution(long low, long high, bool log = false, long step = 1, string name = "parameter")
    {
        if (low > high)
            throw GyreException.InvalidInput($"Parameter '{name}': low ({low}) must be <= high ({high}).");
        if (log && low < 1)
            throw GyreException.InvalidInput($"Parameter '{name}': log scale needs low >= 1, got {low}.");
        if (step < 1)
            throw GyreException.InvalidInput($"Parameter '{name}': step must be >= 1, got {step}.");
        if (log && step != 1)
            throw GyreException.InvalidInput($"Parameter '{name}': step must be 1 with log scale, got {step}.");
        Low = low;
        High = low + (high - low) / step * step;
        Log = log;
        Step = step;
    }

    /// <summary>Lower bound (inclusive).</summary>
    public long Low { get; }

    /// <summary>Upper bound (inclusive), adjusted to the step grid.</summary>
    public long High { get; }

    /// <summary>Whether values are sampled on a log scale.</summary>
    public bool Log { get; }

    /// <summary>Step between admissible values (>= 1).</summary>
    public long Step { get; }

    /// <inheritdoc />
    public override double ToInternal(object? value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => (long)Math.Round(internalValue);

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        internalValue >= Low && internalValue <= High && internalValue == Math.Round(internalValue)
        && ((long)internalValue - Low) % Step == 0;
}
