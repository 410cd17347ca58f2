using Gyre.Core;
using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers;

/// <summary>
/// Visits every point of the Cartesian product of <c>searchSpace</c> once, in an order shuffled by
/// the seed; trial n takes grid point n (mod grid size). When every point has been started,
/// <see cref="IsExhausted"/> is true and Optimize stops (as Optuna's GridSampler stops the study).
/// Suggesting a parameter missing from the grid throws InvalidInput.
/// </summary>
public sealed class GridSampler : ISampler
{
    private readonly Dictionary<string, IReadOnlyList<object?>> _space;
    private readonly int[] _order;

    /// <summary>Creates the sampler.</summary>
    public GridSampler(IReadOnlyDictionary<string, IReadOnlyList<object?>> searchSpace, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        _space = new Dictionary<string, IReadOnlyList<object?>>(searchSpace, StringComparer.Ordinal);
        long size = 1;
        foreach (var (name, values) in _space)
        {
            if (values.Count == 0) throw GyreException.InvalidInput($"Grid parameter '{name}' has no values.");
            size *= values.Count;
        }
        _order = [.. Enumerable.Range(0, checked((int)size))];
        var random = new SplitMix64(seed);
        for (var i = _order.Length - 1; i > 0; i--)
        {
            var j = (int)random.NextInt64(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }

    /// <summary>Number of grid points.</summary>
    public int GridSize => _order.Length;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial) =>
        new Dictionary<string, ParameterDistribution>();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace) =>
        new Dictionary<string, double>();

    /// <inheritdoc />
    public double SampleIndependent(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, string name, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!_space.ContainsKey(name))
            throw GyreException.InvalidInput($"Parameter '{name}' is not in the grid search space.");
        var index = _order[trial.Number % _order.Length];
        foreach (var key in _space.Keys.Order(StringComparer.Ordinal))
        {
            var values = _space[key];
            var value = values[index % values.Count];
            index /= values.Count;
            if (key != name) continue;
            var internalValue = distribution.ToInternal(value);
            if (!distribution.Contains(internalValue))
                throw GyreException.InvalidInput($"Grid value '{value}' of parameter '{name}' is outside its distribution {distribution}.");
            return internalValue;
        }
        throw new InvalidOperationException("Unreachable.");
    }

    /// <inheritdoc />
    public bool IsExhausted(IReadOnlyList<FrozenTrial> trials) => trials.Count >= _order.Length;
}
