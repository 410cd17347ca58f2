using System.Globalization;
using Gyre.Core;

namespace Gyre.Tuning.Distributions;

/// <summary>
/// A float in [Low, High], optionally on a log scale or quantised to Low + k·Step. As Optuna: log
/// needs Low &gt; 0, log and Step are exclusive, and High is lowered to the largest Low + k·Step
/// when Step does not divide the range.
/// </summary>
public sealed record FloatDistribution : ParameterDistribution
{
    /// <summary>Creates the distribution; throws <see cref="GyreException"/> (InvalidInput) naming <paramref name="name"/>.</summary>
    public FloatDistribution(double low, double high, bool log = false, double? step = null, string name = "parameter")
    {
        if (double.IsNaN(low) || double.IsNaN(high) || double.IsInfinity(low) || double.IsInfinity(high))
            throw GyreException.InvalidInput($"Parameter '{name}': low and high must be finite.");
        if (low > high)
            throw GyreException.InvalidInput($"Parameter '{name}': low ({low.ToString(CultureInfo.InvariantCulture)}) must be <= high ({high.ToString(CultureInfo.InvariantCulture)}).");
        if (log && low <= 0)
            throw GyreException.InvalidInput($"Parameter '{name}': log scale needs low > 0, got {low.ToString(CultureInfo.InvariantCulture)}.");
        if (step is { } s)
        {
            if (log)
                throw GyreException.InvalidInput($"Parameter '{name}': step cannot be used with log scale.");
            if (!(s > 0) || double.IsInfinity(s))
                throw GyreException.InvalidInput($"Parameter '{name}': step must be > 0, got {s.ToString(CultureInfo.InvariantCulture)}.");
            high = AdjustHigh(low, high, s);
        }
        Low = low;
        High = high;
        Log = log;
        Step = step;
    }

    /// <summary>Lower bound (inclusive).</summary>
    public double Low { get; }

    /// <summary>Upper bound (inclusive), already adjusted to the step grid.</summary>
    public double High { get; }

    /// <summary>Whether values are sampled on a log scale.</summary>
    public bool Log { get; }

    /// <summary>Quantisation step, or null for continuous.</summary>
    public double? Step { get; }

    /// <summary>Optuna's _adjust_discrete_uniform_high: high := low + floor((high-low)/step)·step.</summary>
    internal static double AdjustHigh(double low, double high, double step)
    {
        var range = (decimal)high - (decimal)low;
        var k = Math.Floor(range / (decimal)step);
        return (double)((decimal)low + k * (decimal)step);
    }

    /// <inheritdoc />
    public override double ToInternal(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => internalValue;

    /// <inheritdoc />
    public override bool Contains(double internalValue)
    {
        if (!(internalValue >= Low && internalValue <= High)) return false;
        if (Step is not { } s) return true;
        var k = (internalValue - Low) / s;
        return Math.Abs(k - Math.Round(k)) < 1e-8;
    }
}
