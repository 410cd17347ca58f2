using Gyre.Tuning.Samplers;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Bench.Tuning;

/// <summary>
/// The samplers the benchmark compares, by name: <c>random</c> (Gyre's RandomSampler), <c>tpe</c> (Gyre's TPE with
/// its default options: Optuna 3.1's defaults, independent, 10 random startup trials, plus candidates near the best
/// trial), <c>tpe_classic</c> (Optuna 3.1's algorithm exactly: <c>NearBestCandidates = 0</c>) and <c>tpe_mv</c>
/// (the default with the multivariate option). Each is seeded with the run's seed.
/// </summary>
internal static class BenchSamplers
{
    public static IReadOnlyList<string> Names { get; } = ["tpe", "tpe_classic", "tpe_mv", "random"];

    /// <summary>The TPE configuration Gyre recommends (its default options), which the headline figures use.</summary>
    public static string Recommended => "tpe";

    public static ISampler Create(string name, ulong seed) => name switch
    {
        "random" => new RandomSampler(seed),
        "tpe" => new TpeSampler(new TpeOptions { Seed = seed }),
        "tpe_classic" => new TpeSampler(new TpeOptions { Seed = seed, NearBestCandidates = 0 }),
        "tpe_mv" => new TpeSampler(new TpeOptions { Seed = seed, Multivariate = true }),
        _ => throw new ArgumentException($"unknown sampler '{name}' (known: {string.Join(", ", Names)})"),
    };

    public static bool IsAvailable(string name) => Names.Contains(name);
}
