using Gyre.Core;

namespace Gyre.Tuning.Pruners;

/// <summary>
/// Optuna's MedianPruner (PercentilePruner at 50): prunes when the trial's best intermediate value
/// is worse than the median of Complete trials' values at the same step.
/// </summary>
public sealed class MedianPruner : IPruner
{
    /// <summary>Creates the pruner with Optuna's defaults.</summary>
    public MedianPruner(int nStartupTrials = 5, long nWarmupSteps = 0, long intervalSteps = 1, int nMinTrials = 1)
    {
        if (nStartupTrials < 0) throw GyreException.InvalidInput($"nStartupTrials must be >= 0, got {nStartupTrials}.");
        if (nWarmupSteps < 0) throw GyreException.InvalidInput($"nWarmupSteps must be >= 0, got {nWarmupSteps}.");
        if (intervalSteps < 1) throw GyreException.InvalidInput($"intervalSteps must be >= 1, got {intervalSteps}.");
        if (nMinTrials < 1) throw GyreException.InvalidInput($"nMinTrials must be >= 1, got {nMinTrials}.");
        NStartupTrials = nStartupTrials;
        NWarmupSteps = nWarmupSteps;
        IntervalSteps = intervalSteps;
        NMinTrials = nMinTrials;
    }

    /// <summary>Complete trials needed before any pruning.</summary>
    public int NStartupTrials { get; }
    /// <summary>Steps before which a trial is never pruned.</summary>
    public long NWarmupSteps { get; }
    /// <summary>Pruning check interval, in steps.</summary>
    public long IntervalSteps { get; }
    /// <summary>Minimum number of values at the step to compare against.</summary>
    public int NMinTrials { get; }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var direction = study.Direction;
        var complete = study.Trials.Where(t => t.State == TrialState.Complete).ToList();
        if (complete.Count == 0 || complete.Count < NStartupTrials) return false;
        if (trial.LastStep is not { } step) return false;
        if (step < NWarmupSteps) return false;
        var windowStart = (step - NWarmupSteps) / IntervalSteps * IntervalSteps + NWarmupSteps;
        var previous = trial.IntermediateValues.Keys.Where(s => s < step).DefaultIfEmpty(long.MinValue).Max();
        if (previous != long.MinValue && previous >= windowStart) return false;

        var own = trial.IntermediateValues.Values.Where(v => !double.IsNaN(v)).ToList();
        if (own.Count == 0) return true;
        var best = direction == StudyDirection.Minimize ? own.Min() : own.Max();

        var others = complete
            .Where(t => t.IntermediateValues.TryGetValue(step, out var v) && !double.IsNaN(v))
            .Select(t => t.IntermediateValues[step]).ToList();
        if (others.Count < NMinTrials) return false;
        var median = Percentile(others, 50);
        return direction == StudyDirection.Minimize ? best > median : best < median;
    }

    /// <summary>numpy.percentile with linear interpolation.</summary>
    internal static double Percentile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var pos = q / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
