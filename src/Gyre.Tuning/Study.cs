using Gyre.Core;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning;

/// <summary>
/// An optimisation study. Ask/Tell are thread-safe; sampling is serialised by one lock.
/// <see cref="Optimize(Func{Trial, double}, int?, TimeSpan?, CancellationToken)"/> catches every
/// objective exception except <see cref="OperationCanceledException"/>: the trial is recorded
/// Fail with the message and the study goes on (set <see cref="CatchObjectiveExceptions"/> false
/// to rethrow after recording).
/// </summary>
public sealed class Study
{
    private readonly Lock _samplerGate = new();

    private Study(string name, StudyDirection direction, IStudyStorage storage, long studyId, ISampler sampler, IPruner pruner)
    {
        Name = name;
        Direction = direction;
        Storage = storage;
        StudyId = studyId;
        Sampler = sampler;
        Pruner = pruner;
    }

    /// <summary>Study name (unique in the storage).</summary>
    public string Name { get; }
    /// <summary>Optimisation direction.</summary>
    public StudyDirection Direction { get; }
    /// <summary>The sampler.</summary>
    public ISampler Sampler { get; }
    /// <summary>The pruner.</summary>
    public IPruner Pruner { get; }
    /// <summary>Whether Optimize records and swallows objective exceptions (default true).</summary>
    public bool CatchObjectiveExceptions { get; set; } = true;

    internal IStudyStorage Storage { get; }
    internal long StudyId { get; }

    /// <summary>Creates (or loads, if the name exists in <paramref name="storage"/>) a study.</summary>
    public static async Task<Study> CreateAsync(string name, StudyDirection direction = StudyDirection.Minimize,
        ISampler? sampler = null, IPruner? pruner = null, IStudyStorage? storage = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        storage ??= new InMemoryStudyStorage();
        var id = await storage.CreateStudyAsync(name, direction, cancellationToken).ConfigureAwait(false);
        return new Study(name, direction, storage, id, sampler ?? new RandomSampler(), pruner ?? new MedianPruner());
    }

    /// <summary>All trials, ordered by number.</summary>
    public IReadOnlyList<FrozenTrial> Trials => Storage.GetTrialsAsync(StudyId, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The best Complete trial; throws InvalidState if none.</summary>
    public FrozenTrial BestTrial
    {
        get
        {
            var complete = Trials.Where(t => t.State == TrialState.Complete).ToList();
            if (complete.Count == 0) throw GyreException.InvalidState($"Study '{Name}' has no complete trial.");
            return Direction == StudyDirection.Minimize ? complete.MinBy(t => t.Value!.Value)! : complete.MaxBy(t => t.Value!.Value)!;
        }
    }

    /// <summary>The best value; throws InvalidState if no trial is complete.</summary>
    public double BestValue => BestTrial.Value!.Value;

    /// <summary>Starts a trial.</summary>
    public Trial Ask()
    {
        var number = Storage.CreateTrialAsync(StudyId, CancellationToken.None).GetAwaiter().GetResult();
        lock (_samplerGate)
        {
            var trials = Trials;
            var self = trials[number];
            var space = Sampler.InferRelativeSearchSpace(trials, self);
            var relative = space.Count == 0 ? new Dictionary<string, double>() : Sampler.SampleRelative(trials, self, space);
            return new Trial(this, number, relative);
        }
    }

    /// <summary>Finishes <paramref name="trial"/> as Complete with <paramref name="value"/> (NaN → Fail).</summary>
    public void Tell(Trial trial, double value)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (double.IsNaN(value))
            Tell(trial, TrialState.Fail, "The objective returned NaN.");
        else
            Storage.FinishTrialAsync(StudyId, trial.Number, TrialState.Complete, value, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Finishes <paramref name="trial"/> as Pruned or Fail.</summary>
    public void Tell(Trial trial, TrialState state, string? errorMessage = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (state is not (TrialState.Pruned or TrialState.Fail))
            throw GyreException.InvalidInput($"Trial {trial.Number}: Tell without a value needs state Pruned or Fail, got {state}.");
        double? last = null;
        if (state == TrialState.Pruned)
        {
            var t = Storage.GetTrialAsync(StudyId, trial.Number, CancellationToken.None).GetAwaiter().GetResult();
            if (t.LastStep is { } s) last = t.IntermediateValues[s];
        }
        Storage.FinishTrialAsync(StudyId, trial.Number, state, last, errorMessage, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Runs trials until <paramref name="trials"/> are done, <paramref name="timeout"/> elapses, the sampler is exhausted, or cancellation.</summary>
    public void Optimize(Func<Trial, double> objective, int? trials = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        OptimizeAsync((t, _) => Task.FromResult(objective(t)), trials, timeout, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>Async form of Optimize; cancellation stops before the next trial (the running one finishes as Fail if the objective throws on cancellation).</summary>
    public async Task OptimizeAsync(Func<Trial, CancellationToken, Task<double>> objective, int? trials = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (trials is < 0) throw GyreException.InvalidInput($"trials must be >= 0, got {trials}.");
        if (trials is null && timeout is null && !cancellationToken.CanBeCanceled)
            throw GyreException.InvalidInput("Optimize needs trials, timeout or a cancellation token; otherwise it never stops.");
        var deadline = timeout is { } span ? DateTimeOffset.UtcNow + span : DateTimeOffset.MaxValue;
        for (var done = 0; trials is null || done < trials; done++)
        {
            if (cancellationToken.IsCancellationRequested || DateTimeOffset.UtcNow >= deadline) return;
            if (Sampler.IsExhausted(Trials)) return;
            var trial = Ask();
            double value;
            try
            {
                value = await objective(trial, cancellationToken).ConfigureAwait(false);
            }
            catch (TrialPrunedException)
            {
                Tell(trial, TrialState.Pruned);
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Tell(trial, TrialState.Fail, "Cancelled.");
                return;
            }
#pragma warning disable CA1031 // The objective is user code: any failure is recorded on the trial (documented).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Tell(trial, TrialState.Fail, $"{ex.GetType().Name}: {ex.Message}");
                if (!CatchObjectiveExceptions) throw;
                continue;
            }
            Tell(trial, value);
        }
    }

    internal double SampleIndependent(FrozenTrial current, string name, Distributions.ParameterDistribution distribution)
    {
        lock (_samplerGate)
            return Sampler.SampleIndependent(Trials, current, name, distribution);
    }

    internal bool ShouldPrune(Trial trial)
    {
        var trials = Trials;
        return Pruner.Prune(trials, trials[trial.Number], Direction);
    }
}
