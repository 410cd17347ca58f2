using Gyre.Core;

namespace Gyre.Tuning.Samplers.Tpe;

/// <summary>
/// Settings of <see cref="TpeSampler"/>. The defaults are Optuna 3.1's TPESampler defaults
/// (independent sampling, no constant liar) plus <see cref="NearBestCandidates"/>, Gyre's own
/// refinement; with it at 0 the sampler is Optuna 3.1's. <see cref="Multivariate"/> and
/// <see cref="ConstantLiar"/> are the options Optuna 5 turns on by default.
/// </summary>
public sealed record TpeOptions
{
    /// <summary>Trials (Complete or Pruned) sampled at random before TPE starts. Default 10.</summary>
    public int NStartupTrials { get; init; } = 10;

    /// <summary>Candidates drawn from the good density per suggestion; the best ratio wins. Default 24.</summary>
    public int NEiCandidates { get; init; } = 24;

    /// <summary>Weight of the prior kernel (a wide kernel over the whole range) in each density. Default 1.</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>Whether kernel widths are bounded below by range / min(100, kernels + 1). Default true.</summary>
    public bool ConsiderMagicClip { get; init; } = true;

    /// <summary>Whether the outermost kernels may take their width from the gap to the domain edge. Default false.</summary>
    public bool ConsiderEndpoints { get; init; }

    /// <summary>Number of "good" trials for n finished trials. Default Optuna's min(ceil(0.1 n), 25).</summary>
    public Func<int, int> Gamma { get; init; } = DefaultGamma;

    /// <summary>Seed of the sampler's generator; null draws one from the OS.</summary>
    public ulong? Seed { get; init; }

    /// <summary>
    /// Sample the parameters every finished trial has (the intersection search space) jointly, with
    /// one product kernel per observation, at trial start. Others fall back to independent TPE.
    /// </summary>
    public bool Multivariate { get; init; }

    /// <summary>
    /// Count other workers' running trials as worst-case observations at their known parameters, so
    /// parallel workers spread out instead of sampling the same point.
    /// </summary>
    public bool ConstantLiar { get; init; }

    /// <summary>
    /// Divide each continuous kernel by its width, making it a true density. Optuna 3.1 to 3.4 omit
    /// that factor (optuna#5109, fixed in 3.5), so every kernel has the same peak height whatever its
    /// width. Default false, as Optuna 3.1: on bench/tuning's functions the equal-height kernels found
    /// much better values (Rosenbrock-10, median best after 100 trials over 30 seeds: 2652 against 13020).
    /// </summary>
    public bool WidthNormalisedKernels { get; init; }

    /// <summary>
    /// Candidates drawn near the best Complete trial in place of the <see cref="NEiCandidates"/> drawn
    /// from the good density; 0 turns this off, making the sampler Optuna 3.1's TPE exactly. Each
    /// numerical parameter comes from a truncated Gaussian centred on the best trial's value (in log
    /// space for log parameters, snapped to the step grid), σ = <see cref="NearBestWidthShare"/>(n) ×
    /// range but never under one step, so the search narrows as trials accumulate; categorical
    /// parameters from the good density (a search space with only categorical parameters keeps
    /// Optuna's draw). The candidates are still ranked by log l(x) − log g(x). Default 4: on
    /// bench/tuning's functions it finds clearly better values than Optuna 3.1 (Branin, Hartmann6,
    /// Rosenbrock-10, Ackley-5; 4 did better than 24, whose ranking is greedier), is weaker on a very
    /// multimodal function (Rastrigin-5) and under heavy noise; see docs/tuning.md.
    /// </summary>
    public int NearBestCandidates { get; init; } = 4;

    /// <summary>σ of the candidates near the best trial as a share of each parameter's (transformed) range after n finished trials: 1/n + 0.005.</summary>
    internal static double NearBestWidthShare(int finished) => 1.0 / Math.Max(finished, 1) + 0.005;

    /// <summary>Optuna's default_gamma: min(ceil(0.1 n), 25).</summary>
    public static int DefaultGamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>Optuna's hyperopt_default_gamma: min(ceil(0.25 √n), 25).</summary>
    public static int HyperoptGamma(int n) => Math.Min((int)Math.Ceiling(0.25 * Math.Sqrt(n)), 25);

    /// <summary>Throws InvalidInput naming the first invalid setting.</summary>
    internal void Validate()
    {
        if (NStartupTrials < 0) throw GyreException.InvalidInput($"TPE n_startup_trials must be >= 0, got {NStartupTrials}.");
        if (NEiCandidates < 1) throw GyreException.InvalidInput($"TPE n_ei_candidates must be >= 1, got {NEiCandidates}.");
        if (NearBestCandidates < 0) throw GyreException.InvalidInput($"TPE near_best_candidates must be >= 0, got {NearBestCandidates}.");
        if (!(PriorWeight > 0) || double.IsInfinity(PriorWeight)) throw GyreException.InvalidInput($"TPE prior_weight must be > 0 and finite, got {PriorWeight}.");
        ArgumentNullException.ThrowIfNull(Gamma);
    }

    /// <summary>
    /// Optuna's default_weights(m): ones for m &lt; 25, otherwise a ramp linspace(1/m, 1, m − 25) for
    /// the oldest m − 25 observations followed by 25 ones (newer observations count more).
    /// </summary>
    internal static double[] ObservationWeights(int m)
    {
        var w = new double[m];
        if (m < 25)
        {
            Array.Fill(w, 1.0);
            return w;
        }
        var ramp = m - 25;
        for (var i = 0; i < ramp; i++)
            w[i] = ramp == 1 ? 1.0 / m : 1.0 / m + i * (1.0 - 1.0 / m) / (ramp - 1);
        for (var i = ramp; i < m; i++) w[i] = 1.0;
        return w;
    }
}
