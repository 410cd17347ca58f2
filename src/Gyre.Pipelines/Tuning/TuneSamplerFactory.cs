using Gyre.Core;
using Gyre.Tuning.Samplers;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Pipelines.Tuning;

/// <summary>The one place that turns a spec's sampler name into a sampler (so the choice of options is made once).</summary>
public static class TuneSamplerFactory
{
    /// <summary>Gyre's TPE with its default options (candidates near the best trial).</summary>
    public const string Tpe = "tpe";

    /// <summary>Optuna 3.1's TPE algorithm exactly (candidates from the good density): for very multimodal or very noisy objectives.</summary>
    public const string TpeClassic = "tpe_classic";

    public const string Random = "random";

    /// <summary>Every accepted sampler name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Tpe, TpeClassic, Random];

    /// <summary>
    /// A seeded sampler. TPE runs with the constant liar when trials run concurrently (<paramref name="parallel"/>:
    /// several workers or processes), so running trials are not proposed again.
    /// </summary>
    public static ISampler Create(string name, int seed, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(name);
        var unsignedSeed = unchecked((ulong)seed);
        return name.ToLowerInvariant() switch
        {
            Tpe => new TpeSampler(new TpeOptions { Seed = unsignedSeed, ConstantLiar = parallel }),
            TpeClassic => new TpeSampler(new TpeOptions { Seed = unsignedSeed, ConstantLiar = parallel, NearBestCandidates = 0 }),
            Random => new RandomSampler(unsignedSeed),
            _ => throw GyreException.InvalidInput($"unknown sampler '{name}'; valid samplers are: {string.Join(", ", Names)}."),
        };
    }
}
