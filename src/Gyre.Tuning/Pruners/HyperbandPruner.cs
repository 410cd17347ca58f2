using Gyre.Core;

namespace Gyre.Tuning.Pruners;

/// <summary>
/// Optuna 3.1's HyperbandPruner: several successive-halving brackets (bracket b starts its rungs at
/// minResource × η^b), a trial's bracket chosen from crc32 of "{study name}_{trial number}" as in
/// Optuna, so bracket ids match Optuna's for the same study name. Each bracket's successive halving,
/// and the sampler (<see cref="TrialsForSampler"/>), see only the trials of the same bracket
/// (Optuna's <c>_BracketStudy</c>); the rungs are the same <c>completed_rung_k</c> system attrs.
/// With maxResource "auto" (null) the brackets are fixed at the first prune call after a trial is
/// Complete, from max(last step of Complete trials) + 1; until then nothing is pruned and the
/// sampler sees every trial. Thread-safe.
/// </summary>
public sealed class HyperbandPruner : IPruner
{
    private readonly Lock _gate = new();
    private volatile HyperbandBrackets? _brackets;

    /// <summary>Creates the pruner with Optuna's defaults.</summary>
    /// <param name="minResource">Steps before the first rung of bracket 0 (&gt;= 1).</param>
    /// <param name="maxResource">Largest step a trial runs to (&gt;= minResource); null = "auto" (see the class remarks).</param>
    /// <param name="reductionFactor">η (&gt;= 2).</param>
    /// <param name="bootstrapCount">As <see cref="SuccessiveHalvingPruner.BootstrapCount"/>; needs a fixed maxResource.</param>
    public HyperbandPruner(long minResource = 1, long? maxResource = null, int reductionFactor = 3, int bootstrapCount = 0)
    {
        if (minResource < 1)
            throw GyreException.InvalidInput($"minResource must be >= 1, got {minResource}.");
        if (maxResource is { } max && max < minResource)
            throw GyreException.InvalidInput($"maxResource must be >= minResource ({minResource}) or null (auto), got {max}.");
        if (reductionFactor < 2)
            throw GyreException.InvalidInput($"reductionFactor must be >= 2, got {reductionFactor}.");
        if (bootstrapCount < 0)
            throw GyreException.InvalidInput($"bootstrapCount must be >= 0, got {bootstrapCount}.");
        if (bootstrapCount > 0 && maxResource is null)
            throw GyreException.InvalidInput($"bootstrapCount > 0 needs a fixed maxResource, not auto (null); bootstrapCount is {bootstrapCount}.");
        MinResource = minResource;
        MaxResource = maxResource;
        ReductionFactor = reductionFactor;
        BootstrapCount = bootstrapCount;
        if (maxResource is { } fixedMax) _brackets = HyperbandBrackets.Create(minResource, fixedMax, reductionFactor, bootstrapCount);
    }

    /// <summary>Steps before the first rung of bracket 0.</summary>
    public long MinResource { get; }
    /// <summary>The configured maximum resource; null means "auto".</summary>
    public long? MaxResource { get; }
    /// <summary>η: the reduction factor.</summary>
    public int ReductionFactor { get; }
    /// <summary>Rung values needed (strictly more) before any promotion.</summary>
    public int BootstrapCount { get; }

    /// <summary>Number of brackets, or null while "auto" has not been resolved.</summary>
    public int? BracketCount => _brackets?.Count;

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var brackets = _brackets ?? TryInitialize(study);
        if (brackets is null || brackets.Count == 0) return false;
        var bracket = brackets.BracketOf(study.Name, trial.Number);
        return brackets.Pruners[bracket].Prune(study, trial, () => SameBracket(study.Trials, brackets, study.Name, bracket));
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> TrialsForSampler(Study study, IReadOnlyList<FrozenTrial> trials, int trialNumber)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trials);
        var brackets = _brackets;
        if (brackets is null || brackets.Count == 0) return trials;
        return SameBracket(trials, brackets, study.Name, brackets.BracketOf(study.Name, trialNumber));
    }

    /// <summary>The bracket of trial <paramref name="trialNumber"/> of <paramref name="study"/>, or null before the brackets are fixed.</summary>
    public int? BracketOf(Study study, int trialNumber)
    {
        ArgumentNullException.ThrowIfNull(study);
        var brackets = _brackets;
        return brackets is null || brackets.Count == 0 ? null : brackets.BracketOf(study.Name, trialNumber);
    }

    internal HyperbandBrackets? Brackets => _brackets;

    private HyperbandBrackets? TryInitialize(Study study)
    {
        lock (_gate)
        {
            if (_brackets is { } built) return built;
            long? lastStep = null;
            foreach (var t in study.Trials)
                if (t.State == TrialState.Complete && t.LastStep is { } s && (lastStep is null || s > lastStep)) lastStep = s;
            if (lastStep is not { } last) return null;
            // Optuna's max resource is last step + 1; below minResource it has no bracket and never prunes.
            var maxResource = last + 1;
            return _brackets = maxResource < MinResource
                ? HyperbandBrackets.Empty
                : HyperbandBrackets.Create(MinResource, maxResource, ReductionFactor, BootstrapCount);
        }
    }

    private static List<FrozenTrial> SameBracket(IReadOnlyList<FrozenTrial> trials, HyperbandBrackets brackets, string studyName, int bracket) =>
        trials.Where(t => brackets.BracketOf(studyName, t.Number) == bracket).ToList();
}
