using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Samplers.Tpe;

/// <summary>
/// Categorical kernels (Optuna): kernel i puts 1 + p/(m+1) on its observed choice and p/(m+1) on
/// every choice, normalised; the prior kernel is uniform. p = prior weight, m = observations.
/// </summary>
internal sealed class CategoricalParzenDimension : ParzenDimension
{
    private readonly int _choices;
    private readonly double[] _logProbabilities; // [kernel * choices + choice]
    private readonly double[] _cumulative;       // same layout, running sums per kernel

    public CategoricalParzenDimension(CategoricalDistribution distribution, double[] observations, double priorWeight)
    {
        _choices = distribution.Choices.Count;
        var kernels = observations.Length + 1;
        var baseline = priorWeight / kernels;
        _logProbabilities = new double[kernels * _choices];
        _cumulative = new double[kernels * _choices];
        var row = new double[_choices];
        for (var j = 0; j < kernels; j++)
        {
            Array.Fill(row, baseline);
            if (j < observations.Length) row[(int)observations[j]] += 1;
            var sum = row.Sum();
            var running = 0.0;
            for (var c = 0; c < _choices; c++)
            {
                var p = row[c] / sum;
                _logProbabilities[j * _choices + c] = Math.Log(p);
                running += p;
                _cumulative[j * _choices + c] = running;
            }
        }
    }

    public override void AddLogDensities(double value, Span<double> output)
    {
        var choice = (int)value;
        for (var j = 0; j < output.Length; j++) output[j] += _logProbabilities[j * _choices + choice];
    }

    public override double Sample(int kernel, SplitMix64 random)
    {
        // Optuna: the number of cumulative probabilities below u.
        var u = random.NextDouble();
        var offset = kernel * _choices;
        var index = 0;
        while (index < _choices - 1 && _cumulative[offset + index] < u) index++;
        return index;
    }
}
