using System.Diagnostics;
using Gyre.Tuning;
using Gyre.Tuning.Pruners;

namespace Gyre.Bench.Tuning;

/// <summary>
/// One study on one function: best value after each checkpoint and the sampler's overhead per trial, i.e.
/// (wall time of <see cref="Study.Optimize"/> − time spent evaluating the function) / trials. The function's time is
/// measured inside the objective around the function call only; the SuggestFloat calls before it are sampler work
/// (independent TPE samples there), as on the Optuna side. For a noisy function (<see cref="BenchFunction.NoiseSd"/> &gt; 0)
/// the objective returns the observed value f(x) + N(0, sd²), the noise drawn (Box–Muller) from a
/// <see cref="Random"/> seeded with the run's seed, its drawing counted as objective time; the best value after k
/// trials is then the true f of the trial with the lowest observed value among the first k (what a user would deploy).
/// </summary>
internal sealed record FunctionRun(
    string Kind,
    string Function,
    string Sampler,
    int Seed,
    int Trials,
    IReadOnlyDictionary<string, double> Best,
    double FinalBest,
    double WallS,
    double ObjectiveS,
    double OverheadMsPerTrial)
{
    public static readonly int[] Checkpoints = [25, 50, 100];

    public static FunctionRun Execute(string kind, BenchFunction function, string sampler, int seed, int trials)
    {
        var study = Study.CreateAsync($"{function.Name}-{sampler}-{seed}", StudyDirection.Minimize,
            BenchSamplers.Create(sampler, (ulong)seed), new NopPruner(), new InMemoryStudyStorage()).GetAwaiter().GetResult();
        var names = Enumerable.Range(0, function.Dimensions).Select(i => $"x{i}").ToArray();
        var values = new List<double>(trials);
        var observedValues = new List<double>(trials);
        var noise = function.NoiseSd > 0 ? new Random(seed) : null;
        long insideTicks = 0;
        double Objective(Trial trial)
        {
            var x = new double[names.Length];
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = trial.SuggestFloat(names[i], function.Bounds[i].Low, function.Bounds[i].High);
            }

            var start = Stopwatch.GetTimestamp();
            var value = function.Evaluate(x);
            var observed = noise is null ? value : value + (function.NoiseSd * StandardNormal(noise));
            insideTicks += Stopwatch.GetTimestamp() - start;
            values.Add(value);
            observedValues.Add(observed);
            return observed;
        }

        var wallStart = Stopwatch.GetTimestamp();
        study.Optimize(Objective, trials);
        var wall = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
        var inside = (double)insideTicks / Stopwatch.Frequency;
        if (values.Count != trials) throw new InvalidOperationException($"{function.Name}/{sampler}/{seed}: {values.Count} of {trials} trials ran");

        var best = new Dictionary<string, double>();
        var running = double.PositiveInfinity;
        var lowestObserved = double.PositiveInfinity;
        for (var i = 0; i < values.Count; i++)
        {
            if (observedValues[i] < lowestObserved)
            {
                lowestObserved = observedValues[i];
                running = values[i];
            }

            if (Checkpoints.Contains(i + 1)) best[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = running;
        }

        return new FunctionRun(kind, function.Name, sampler, seed, trials, best, running, wall, inside, (wall - inside) * 1000 / trials);
    }

    /// <summary>One N(0, 1) draw by Box–Muller (1 − NextDouble() is in (0, 1], so the logarithm is finite).</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
