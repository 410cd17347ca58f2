using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Evidently's short names of the drift methods (<c>ks</c>, <c>psi</c>, ...): how users name them on the command
/// line, in YAML and in JSON output. Matching ignores case.
/// </summary>
public static class DriftMethodNames
{
    private static readonly (DriftMethod Method, string Name)[] Names =
    [
        (DriftMethod.KolmogorovSmirnov, "ks"),
        (DriftMethod.ChiSquare, "chisquare"),
        (DriftMethod.ProportionZ, "z"),
        (DriftMethod.Wasserstein, "wasserstein"),
        (DriftMethod.JensenShannon, "jensenshannon"),
        (DriftMethod.PopulationStability, "psi"),
        (DriftMethod.KullbackLeibler, "kl_div"),
        (DriftMethod.Hellinger, "hellinger"),
        (DriftMethod.CramerVonMises, "cramer_von_mises"),
        (DriftMethod.AndersonDarling, "anderson"),
        (DriftMethod.EnergyDistance, "ed"),
    ];

    /// <summary>Every short name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The short name of <paramref name="method"/>.</summary>
    public static string Name(DriftMethod method) =>
        Names.First(n => n.Method == method).Name;

    /// <summary>The method named <paramref name="text"/>; <paramref name="source"/> names the option or field in the error.</summary>
    /// <exception cref="GyreException">InvalidInput listing the known names.</exception>
    public static DriftMethod Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (method, name) in Names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return method;
            }
        }

        throw GyreException.InvalidInput($"{source}: unknown drift method '{text}'; known: {string.Join(", ", All)}.");
    }
}
