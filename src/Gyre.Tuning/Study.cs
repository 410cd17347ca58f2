using System.Globalization;
using System.Text.Json;
using Gyre.Core;
using Gyre.Tuning.Distributions;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning;

/// <summary>
/// An optimisation study. Ask/Tell are thread-safe; sampling is serialised by one lock per Study
/// object (several processes on one storage each have their own). Optimize catches every objective
/// exception except cancellation: the trial is recorded Fail with the message and the study goes on
/// (set <see cref="CatchObjectiveExceptions"/> false to rethrow after recording).
/// </summary>
public sealed class Study
{
    /// <summary>System attr holding the relative (joint) sample of a trial as JSON name → internal value, written at Ask so other workers see a running trial's whole point.</summary>
    public const string RelativeParamsAttr = "sampler:relative_params";

    private readonly Lock _samplerGate = new();
    private readonly TrialCache _cache;

    private Study(StudySummary summary, IStudyStorage storage, ISampler sampler, IPruner pruner)
    {
        Name = summary.Name;
        Direction = summary.Direction;
        Storage = storage;
        StudyId = summary.Id;
        Sampler = sampler;
        Pruner = pruner;
        _cache = new TrialCache(storage, StudyId);
    }

    /// <summary>Study name (unique in the storage).</summary>
    public string Name { get; }
    /// <summary>Optimisation direction.</summary>
    public StudyDirection Direction { get; }
    /// <summary>The sampler.</summary>
    public ISampler Sampler { get; }
    /// <summary>The pruner.</summary>
    public IPruner Pruner { get; }
    /// <summary>The storage the study lives in.</summary>
    public IStudyStorage Storage { get; }
    /// <summary>The study's id in <see cref="Storage"/>.</summary>
    public long StudyId { get; }
    /// <summary>Whether Optimize records and swallows objective exceptions (default true).</summary>
    public bool CatchObjectiveExceptions { get; set; } = true;

    /// <summary>
    /// When set, running trials send a heartbeat at this interval, and Ask first fails trials whose
    /// heartbeat is older than <see cref="HeartbeatGracePeriod"/> (their worker died). Null: off
    /// (a single process needs none).
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>Heartbeat age after which a running trial counts as dead; default 2 × <see cref="HeartbeatInterval"/>.</summary>
    public TimeSpan? HeartbeatGracePeriod { get; init; }

    internal TimeSpan? EffectiveGracePeriod => HeartbeatGracePeriod ?? HeartbeatInterval * 2;

    /// <summary>Creates (or loads, if the name exists in <paramref name="storage"/>) a study.</summary>
    public static Task<Study> CreateAsync(string name, StudyDirection direction = StudyDirection.Minimize,
        ISampler? sampler = null, IPruner? pruner = null, IStudyStorage? storage = null, CancellationToken cancellationToken = default) =>
        CreateAsync(name, direction, sampler, pruner, storage, heartbeatInterval: null, cancellationToken);

    /// <summary>Creates (or loads) a study whose running trials send heartbeats every <paramref name="heartbeatInterval"/>.</summary>
    public static async Task<Study> CreateAsync(string name, StudyDirection direction, ISampler? sampler, IPruner? pruner,
        IStudyStorage? storage, TimeSpan? heartbeatInterval, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (heartbeatInterval is { } hb && hb <= TimeSpan.Zero)
            throw GyreException.InvalidInput($"heartbeat interval must be > 0, got {hb}.");
        storage ??= new InMemoryStudyStorage();
        var id = await storage.CreateStudyAsync(name, direction, cancellationToken).ConfigureAwait(false);
        var summary = await storage.FindStudyAsync(name, cancellationToken).ConfigureAwait(false)
            ?? new StudySummary(id, name, direction, DateTimeOffset.UtcNow, new Dictionary<string, string>());
        return new Study(summary, storage, sampler ?? new RandomSampler(), pruner ?? new MedianPruner()) { HeartbeatInterval = heartbeatInterval };
    }

    /// <summary>Loads an existing study; NotFound if <paramref name="name"/> is not in <paramref name="storage"/>.</summary>
    public static async Task<Study> LoadAsync(string name, IStudyStorage storage, ISampler? sampler = null, IPruner? pruner = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var summary = await storage.FindStudyAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw GyreException.NotFound($"Study '{name}' does not exist.");
        return new Study(summary, storage, sampler ?? new RandomSampler(), pruner ?? new MedianPruner());
    }

    /// <summary>All trials, ordered by number (read from storage; finished trials come from a local cache).</summary>
    public IReadOnlyList<FrozenTrial> Trials => _cache.Refresh();

    /// <summary>The best Complete trial; throws InvalidState if none.</summary>
    public FrozenTrial BestTrial => BestOf(Trials, Direction)
        ?? throw GyreException.InvalidState($"Study '{Name}' has no complete trial.");

    /// <summary>The best value; throws InvalidState if no trial is complete.</summary>
    public double BestValue => BestTrial.Value!.Value;

    /// <summary>The best Complete trial of <paramref name="trials"/> (lowest number on ties), or null.</summary>
    public static FrozenTrial? BestOf(IEnumerable<FrozenTrial> trials, StudyDirection direction)
    {
        FrozenTrial? best = null;
        foreach (var t in trials)
        {
            if (t.State != TrialState.Complete) continue;
            if (best is null || (direction == StudyDirection.Minimize ? t.Value < best.Value : t.Value > best.Value)) best = t;
        }
        return best;
    }

    /// <summary>Starts a trial.</summary>
    public Trial Ask() => TryAsk(null) ?? throw new InvalidOperationException("Unreachable: no budget was given.");

    /// <summary>Starts a trial unless the study-wide <paramref name="studyTrials"/> budget is spent (then null).</summary>
    public Trial? TryAsk(int? studyTrials)
    {
        if (EffectiveGracePeriod is { } grace)
            Storage.FailStaleTrialsAsync(StudyId, grace, CancellationToken.None).GetAwaiter().GetResult();
        var number = Storage.TryCreateTrialAsync(StudyId, studyTrials, CancellationToken.None).GetAwaiter().GetResult();
        if (number is not { } n) return null;
        IReadOnlyDictionary<string, double> relative;
        lock (_samplerGate)
        {
            var trials = _cache.Refresh();
            var self = trials[n];
            var visible = Pruner.TrialsForSampler(this, trials, n);
            var space = Sampler.InferRelativeSearchSpace(this, visible, self);
            relative = space.Count == 0 ? new Dictionary<string, double>() : Sampler.SampleRelative(this, visible, self, space);
        }
        if (relative.Count > 0)
            SetTrialSystemAttr(n, RelativeParamsAttr, JsonSerializer.Serialize(relative.ToDictionary(p => p.Key, p => p.Value.ToString("R", CultureInfo.InvariantCulture))));
        var heartbeat = HeartbeatInterval is { } interval ? new TrialHeartbeat(Storage, StudyId, n, interval) : null;
        return new Trial(this, n, relative, heartbeat);
    }

    /// <summary>Finishes <paramref name="trial"/> as Complete with <paramref name="value"/> (NaN → Fail).</summary>
    public void Tell(Trial trial, double value)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (double.IsNaN(value))
        {
            Tell(trial, TrialState.Fail, "The objective returned NaN.");
            return;
        }
        trial.StopHeartbeat();
        Storage.FinishTrialAsync(StudyId, trial.Number, TrialState.Complete, value, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Finishes <paramref name="trial"/> as Pruned (value = its last intermediate value) or Fail.</summary>
    public void Tell(Trial trial, TrialState state, string? errorMessage = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (state is not (TrialState.Pruned or TrialState.Fail))
            throw GyreException.InvalidInput($"Trial {trial.Number}: Tell without a value needs state Pruned or Fail, got {state}.");
        trial.StopHeartbeat();
        double? last = null;
        if (state == TrialState.Pruned)
        {
            var t = Storage.GetTrialAsync(StudyId, trial.Number, CancellationToken.None).GetAwaiter().GetResult();
            if (t.LastStep is { } s) last = t.IntermediateValues[s];
        }
        Storage.FinishTrialAsync(StudyId, trial.Number, state, last, errorMessage, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Sets a study attribute (stored).</summary>
    public void SetUserAttr(string key, string value) =>
        Storage.SetStudyUserAttrAsync(StudyId, key, value, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Sets a system attribute of a running trial (samplers and pruners keep state there).</summary>
    public void SetTrialSystemAttr(int trialNumber, string key, string value) =>
        Storage.SetTrialSystemAttrAsync(StudyId, trialNumber, key, value, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs trials until <paramref name="trials"/> are done, <paramref name="timeout"/> elapses, the sampler is exhausted, or cancellation.</summary>
    public void Optimize(Func<Trial, double> objective, int? trials = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        OptimizeAsync((t, _) => Task.FromResult(objective(t)), new OptimizeOptions { Trials = trials, Timeout = timeout }, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>Async form of Optimize with a per-call trial count and time budget.</summary>
    public Task OptimizeAsync(Func<Trial, CancellationToken, Task<double>> objective, int? trials = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        OptimizeAsync(objective, new OptimizeOptions { Trials = trials, Timeout = timeout }, cancellationToken);

    /// <summary>
    /// Runs trials on <see cref="OptimizeOptions.Workers"/> concurrent workers until a budget of
    /// <paramref name="options"/> is spent, the sampler is exhausted, or cancellation (checked
    /// between trials; a running objective sees the token). With a study-wide budget, a worker that
    /// finds it spent waits while other trials still run, since a crashed one is replaced.
    /// </summary>
    public Task OptimizeAsync(Func<Trial, CancellationToken, Task<double>> objective, OptimizeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Trials is < 0) throw GyreException.InvalidInput($"trials must be >= 0, got {options.Trials}.");
        if (options.StudyTrials is < 0) throw GyreException.InvalidInput($"study trials must be >= 0, got {options.StudyTrials}.");
        if (options.Workers < 1) throw GyreException.InvalidInput($"workers must be >= 1, got {options.Workers}.");
        if (options.Trials is null && options.StudyTrials is null && options.Timeout is null && !cancellationToken.CanBeCanceled)
            throw GyreException.InvalidInput("Optimize needs trials, a timeout or a cancellation token; otherwise it never stops.");
        var run = new OptimizeRun(this, objective, options, cancellationToken);
        return run.RunAsync();
    }

    internal double SampleIndependent(FrozenTrial current, string name, ParameterDistribution distribution)
    {
        lock (_samplerGate)
        {
            var trials = _cache.Refresh();
            return Sampler.SampleIndependent(this, Pruner.TrialsForSampler(this, trials, current.Number), current, name, distribution);
        }
    }

    internal bool ShouldPrune(Trial trial) =>
        Pruner.Prune(this, Storage.GetTrialAsync(StudyId, trial.Number, CancellationToken.None).GetAwaiter().GetResult());
}
