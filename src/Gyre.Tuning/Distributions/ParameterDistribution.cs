namespace Gyre.Tuning.Distributions;

/// <summary>
/// The domain of one hyperparameter. Every external value has an internal <see cref="double"/>
/// (categorical: the choice index), as Optuna's to_internal_repr / to_external_repr.
/// </summary>
public abstract record ParameterDistribution
{
    /// <summary>Converts an external value to its internal double.</summary>
    public abstract double ToInternal(object? value);

    /// <summary>Converts an internal double back to the external value.</summary>
    public abstract object? ToExternal(double internalValue);

    /// <summary>True when the internal value lies in the domain.</summary>
    public abstract bool Contains(double internalValue);
}
