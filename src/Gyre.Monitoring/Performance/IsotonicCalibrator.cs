using Gyre.Core;

namespace Gyre.Monitoring.Performance;

/// <summary>
/// Increasing isotonic regression fitted by pool-adjacent-violators, as scikit-learn's
/// <c>IsotonicRegression(out_of_bounds='clip')</c>: equal inputs are first merged (weighted mean of their
/// targets), PAV pools adjacent violators with weights, and <see cref="Predict"/> interpolates linearly between
/// the fitted points, clipping inputs outside the fitted range to the end values.
/// </summary>
/// <remarks>Immutable after <see cref="Fit"/>; thread-safe.</remarks>
public sealed class IsotonicCalibrator
{
    private readonly double[] _x;
    private readonly double[] _y;

    private IsotonicCalibrator(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    /// <summary>The distinct inputs of the fit, ascending.</summary>
    public IReadOnlyList<double> Thresholds => _x;

    /// <summary>The fitted (non-decreasing) value at each of <see cref="Thresholds"/>.</summary>
    public IReadOnlyList<double> Values => _y;

    /// <summary>Fits the calibrator on pairs (input, target).</summary>
    /// <exception cref="GyreException">The lists differ in length, are empty, or hold a non-finite value.</exception>
    public static IsotonicCalibrator Fit(IReadOnlyList<double> inputs, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count != targets.Count || inputs.Count == 0)
        {
            throw GyreException.InvalidInput(
                $"Isotonic calibration needs as many targets as inputs, at least one (inputs {inputs.Count}, targets {targets.Count}).");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (!double.IsFinite(inputs[i]) || !double.IsFinite(targets[i]))
            {
                throw GyreException.InvalidInput($"Isotonic calibration input/target at index {i} is not finite.");
            }
        }

        var order = Enumerable.Range(0, inputs.Count).OrderBy(i => inputs[i]).ToArray();
        var xs = new List<double>();
        var means = new List<double>();
        var weights = new List<double>();
        foreach (var i in order)
        {
            if (xs.Count > 0 && xs[^1] == inputs[i])
            {
                var w = weights[^1];
                means[^1] = ((means[^1] * w) + targets[i]) / (w + 1);
                weights[^1] = w + 1;
            }
            else
            {
                xs.Add(inputs[i]);
                means.Add(targets[i]);
                weights.Add(1);
            }
        }

        return new IsotonicCalibrator([.. xs], PoolAdjacentViolators(means, weights));
    }

    /// <summary>The calibrated value of <paramref name="input"/> (clipped to the fitted range).</summary>
    public double Predict(double input)
    {
        if (input <= _x[0])
        {
            return _y[0];
        }

        if (input >= _x[^1])
        {
            return _y[^1];
        }

        var upper = Array.BinarySearch(_x, input);
        if (upper >= 0)
        {
            return _y[upper];
        }

        upper = ~upper;
        var lower = upper - 1;
        var fraction = (input - _x[lower]) / (_x[upper] - _x[lower]);
        return _y[lower] + (fraction * (_y[upper] - _y[lower]));
    }

    private static double[] PoolAdjacentViolators(List<double> values, List<double> weights)
    {
        var blockValue = new List<double>();
        var blockWeight = new List<double>();
        var blockSize = new List<int>();
        for (var i = 0; i < values.Count; i++)
        {
            blockValue.Add(values[i]);
            blockWeight.Add(weights[i]);
            blockSize.Add(1);
            while (blockValue.Count > 1 && blockValue[^2] > blockValue[^1])
            {
                var w = blockWeight[^2] + blockWeight[^1];
                var v = ((blockValue[^2] * blockWeight[^2]) + (blockValue[^1] * blockWeight[^1])) / w;
                var size = blockSize[^2] + blockSize[^1];
                blockValue.RemoveAt(blockValue.Count - 1);
                blockWeight.RemoveAt(blockWeight.Count - 1);
                blockSize.RemoveAt(blockSize.Count - 1);
                blockValue[^1] = v;
                blockWeight[^1] = w;
                blockSize[^1] = size;
            }
        }

        var fitted = new double[values.Count];
        var position = 0;
        for (var b = 0; b < blockValue.Count; b++)
        {
            for (var k = 0; k < blockSize[b]; k++)
            {
                fitted[position++] = blockValue[b];
            }
        }

        return fitted;
    }
}
