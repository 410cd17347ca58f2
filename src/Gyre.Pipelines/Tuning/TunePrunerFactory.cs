using Gyre.Core;
using Gyre.Tuning.Pruners;

namespace Gyre.Pipelines.Tuning;

/// <summary>The one place that turns a spec's pruner name into a pruner (Optuna's defaults for each).</summary>
public static class TunePrunerFactory
{
    public const string Median = "median";
    public const string None = "none";
    public const string Asha = "asha";
    public const string Hyperband = "hyperband";

    /// <summary>Every accepted pruner name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Median, None, Asha, Hyperband];

    public static IPruner Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            Median => new MedianPruner(),
            None => new NopPruner(),
            Asha => new SuccessiveHalvingPruner(),
            Hyperband => new HyperbandPruner(),
            _ => throw GyreException.InvalidInput($"unknown pruner '{name}'; valid pruners are: {string.Join(", ", Names)}."),
        };
    }
}
