using Gyre.Tuning.Distributions;

namespace Gyre.Tuning.Tests.Analysis;

/// <summary>Builds stored trials for the analysis tests.</summary>
internal static class AnalysisTrials
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static FrozenTrial Trial(int number, TrialState state, double? value, IReadOnlyDictionary<string, (ParameterDistribution Distribution, object? Value)> parameters, double seconds = 1)
    {
        var started = Start.AddMinutes(number);
        return new FrozenTrial(number, state,
            parameters.ToDictionary(p => p.Key, p => p.Value.Value),
            parameters.ToDictionary(p => p.Key, p => p.Value.Distribution),
            value, new Dictionary<long, double>(), new Dictionary<string, string>(), new Dictionary<string, string>(),
            state == TrialState.Fail ? "boom" : null, started, state == TrialState.Running ? null : started.AddSeconds(seconds));
    }

    public static FrozenTrial Complete(int number, double value, params (string Name, ParameterDistribution Distribution, object? Value)[] parameters) =>
        Trial(number, TrialState.Complete, value, parameters.ToDictionary(p => p.Name, p => (p.Distribution, p.Value)));

    private static double Frac(double v) => v - Math.Floor(v);

    public static readonly FloatDistribution X = new(-10, 10);
    public static readonly FloatDistribution Y = new(-10, 10);
    public static readonly IntDistribution N = new(1, 32);
    public static readonly CategoricalDistribution C = new(["a", "b", "c"]);

    /// <summary>The 60 trials of importance_reference.py (same formulas).</summary>
    public static List<FrozenTrial> ReferenceStudy()
    {
        var trials = new List<FrozenTrial>();
        for (var i = 0; i < 60; i++)
        {
            var x = 20 * Frac(i * 0.6180339887) - 10;
            var y = 20 * Frac(i * 0.7548776662) - 10;
            long n = 1 + (i * 7) % 32;
            var c = new[] { "a", "b", "c" }[i % 3];
            var value = x * x + 40 * (c == "b" ? 1 : 0) + 2 * y;
            trials.Add(Complete(i, value, ("x", X, x), ("y", Y, y), ("n", N, n), ("c", C, c)));
        }

        return trials;
    }
}
