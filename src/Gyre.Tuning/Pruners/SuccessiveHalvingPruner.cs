using System.Globalization;
using Gyre.Core;

namespace Gyre.Tuning.Pruners;

/// <summary>
/// Optuna 3.1's SuccessiveHalvingPruner (asynchronous successive halving, ASHA). Rung k is reached
/// at step <c>minResource * reductionFactor^(minEarlyStoppingRate + k)</c>; a trial reaching it
/// records its value at its latest step in the system attr <c>completed_rung_k</c> (invariant "R"
/// text) and goes on only if that value is among the best <c>floor(n / reductionFactor)</c> of the
/// n values recorded at rung k by any trial, itself included (the best one when n &lt; reductionFactor).
/// A NaN value at a rung, or n &lt;= bootstrapCount, prunes. One call may pass several rungs.
/// The rungs live in storage, so concurrent workers and processes share them.
/// </summary>
public sealed class SuccessiveHalvingPruner : IPruner
{
    /// <summary>Prefix of the system attrs holding a trial's rung values: <c>completed_rung_{k}</c>.</summary>
    public const string CompletedRungAttrPrefix = "completed_rung_";

    // 0 until "auto" has been estimated; then fixed for the pruner's life, as in Optuna.
    private long _estimatedMinResource;

    /// <summary>Creates the pruner with Optuna's defaults.</summary>
    /// <param name="minResource">Steps before the first rung (&gt;= 1); null = "auto": once a trial is Complete,
    /// max(its largest last step / 100, 1) over Complete trials (no pruning before that).</param>
    /// <param name="reductionFactor">η (&gt;= 2): 1/η of a rung's trials are promoted.</param>
    /// <param name="minEarlyStoppingRate">s (&gt;= 0): the first rung is at minResource × η^s.</param>
    /// <param name="bootstrapCount">Values a rung needs (more than this many) before any trial passes it; needs a fixed minResource.</param>
    public SuccessiveHalvingPruner(long? minResource = null, int reductionFactor = 4, int minEarlyStoppingRate = 0, int bootstrapCount = 0)
    {
        if (minResource is < 1)
            throw GyreException.InvalidInput($"minResource must be >= 1 or null (auto), got {minResource}.");
        if (reductionFactor < 2)
            throw GyreException.InvalidInput($"reductionFactor must be >= 2, got {reductionFactor}.");
        if (minEarlyStoppingRate < 0)
            throw GyreException.InvalidInput($"minEarlyStoppingRate must be >= 0, got {minEarlyStoppingRate}.");
        if (bootstrapCount < 0)
            throw GyreException.InvalidInput($"bootstrapCount must be >= 0, got {bootstrapCount}.");
        if (bootstrapCount > 0 && minResource is null)
            throw GyreException.InvalidInput($"bootstrapCount > 0 needs a fixed minResource, not auto (null); bootstrapCount is {bootstrapCount}.");
        MinResource = minResource;
        ReductionFactor = reductionFactor;
        MinEarlyStoppingRate = minEarlyStoppingRate;
        BootstrapCount = bootstrapCount;
    }

    /// <summary>The configured minimum resource; null means "auto".</summary>
    public long? MinResource { get; }
    /// <summary>η: the reduction factor between rungs.</summary>
    public int ReductionFactor { get; }
    /// <summary>s: the exponent of the first rung.</summary>
    public int MinEarlyStoppingRate { get; }
    /// <summary>Rung values needed (strictly more) before any promotion.</summary>
    public int BootstrapCount { get; }

    /// <summary>The system attr key of rung <paramref name="rung"/>.</summary>
    public static string CompletedRungKey(int rung) => CompletedRungAttrPrefix + rung.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        return Prune(study, trial, () => study.Trials);
    }

    /// <summary>
    /// The ASHA decision for <paramref name="trial"/> against the trials <paramref name="competitors"/>
    /// returns (read at most once, lazily, as Optuna does; Hyperband passes the trial's bracket).
    /// </summary>
    internal bool Prune(Study study, FrozenTrial trial, Func<IReadOnlyList<FrozenTrial>> competitors)
    {
        if (trial.LastStep is not { } step) return false;
        var rung = CurrentRung(trial);
        var value = trial.IntermediateValues[step];
        IReadOnlyList<FrozenTrial>? trials = null;
        while (true)
        {
            var minResource = MinResource ?? Volatile.Read(ref _estimatedMinResource);
            if (minResource == 0)
            {
                trials ??= competitors();
                if (EstimateMinResource(trials) is not { } estimate) return false;
                Interlocked.CompareExchange(ref _estimatedMinResource, estimate, 0);
                minResource = Volatile.Read(ref _estimatedMinResource);
            }
            if (step < PromotionStep(minResource, MinEarlyStoppingRate + rung)) return false;
            if (double.IsNaN(value)) return true;

            trials ??= competitors();
            var key = CompletedRungKey(rung);
            study.SetTrialSystemAttr(trial.Number, key, value.ToString("R", CultureInfo.InvariantCulture));
            var competing = CompetingValues(trials, key, value);
            if (competing.Count <= BootstrapCount) return true;
            if (!IsPromotable(value, competing, study.Direction)) return true;
            rung++;
        }
    }

    /// <summary>Optuna's "auto" minimum resource: max(largest last step of a Complete trial // 100, 1), or null if none.</summary>
    internal static long? EstimateMinResource(IEnumerable<FrozenTrial> trials)
    {
        long? last = null;
        foreach (var t in trials)
            if (t.State == TrialState.Complete && t.LastStep is { } s && (last is null || s > last)) last = s;
        return last is { } l ? Math.Max(l / 100, 1) : null;
    }

    /// <summary>How many consecutive <c>completed_rung_k</c> attrs (from k = 0) the trial holds.</summary>
    internal static int CurrentRung(FrozenTrial trial)
    {
        var rung = 0;
        while (trial.SystemAttrs.ContainsKey(CompletedRungKey(rung))) rung++;
        return rung;
    }

    /// <summary>minResource × η^exponent, saturating at long.MaxValue (a step no trial reaches).</summary>
    private long PromotionStep(long minResource, int exponent)
    {
        var step = minResource;
        for (var i = 0; i < exponent; i++)
        {
            if (step > long.MaxValue / ReductionFactor) return long.MaxValue;
            step *= ReductionFactor;
        }
        return step;
    }

    private static List<double> CompetingValues(IReadOnlyList<FrozenTrial> trials, string key, double value)
    {
        var values = new List<double>();
        foreach (var t in trials)
        {
            if (!t.SystemAttrs.TryGetValue(key, out var text)) continue;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw GyreException.InvalidState($"Trial {t.Number}: system attr '{key}' is not a number: '{text}'.");
            values.Add(v);
        }
        values.Add(value);
        return values;
    }

    private bool IsPromotable(double value, List<double> competing, StudyDirection direction)
    {
        var promotableIndex = Math.Max(competing.Count / ReductionFactor - 1, 0);
        competing.Sort();
        return direction == StudyDirection.Maximize
            ? value >= competing[competing.Count - 1 - promotableIndex]
            : value <= competing[promotableIndex];
    }
}
