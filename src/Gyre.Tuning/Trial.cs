using Gyre.Core;
using Gyre.Tuning.Distributions;

namespace Gyre.Tuning;

/// <summary>
/// A live trial handed out by <see cref="Study.Ask"/>. Suggest methods record the value in storage;
/// the same name twice returns the same value, a different distribution for it throws InvalidInput.
/// One trial is used by one thread at a time.
/// </summary>
public sealed class Trial
{
    private readonly Study _study;
    private readonly Dictionary<string, double> _relative;
    private readonly TrialHeartbeat? _heartbeat;

    internal Trial(Study study, int number, IReadOnlyDictionary<string, double> relative, TrialHeartbeat? heartbeat)
    {
        _study = study;
        Number = number;
        _relative = new Dictionary<string, double>(relative);
        _heartbeat = heartbeat;
    }

    /// <summary>The study this trial belongs to.</summary>
    public Study Study => _study;

    /// <summary>The trial's number in the study.</summary>
    public int Number { get; }

    /// <summary>Suggests a float in [low, high].</summary>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        (double)Suggest(name, new FloatDistribution(low, high, log, step, name))!;

    /// <summary>Suggests an integer in [low, high].</summary>
    public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) =>
        (long)Suggest(name, new IntDistribution(low, high, log, step, name))!;

    /// <summary>Suggests one of <paramref name="choices"/>.</summary>
    public object? SuggestCategorical(string name, IReadOnlyList<object?> choices) =>
        Suggest(name, new CategoricalDistribution(choices, name));

    /// <summary>Records an intermediate value at <paramref name="step"/> (&gt;= 0).</summary>
    public void Report(double value, long step)
    {
        if (step < 0) throw GyreException.InvalidInput($"Trial {Number}: step must be >= 0, got {step}.");
        _study.Storage.ReportIntermediateAsync(_study.StudyId, Number, step, value, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Asks the study's pruner whether this trial should stop.</summary>
    public bool ShouldPrune() => _study.ShouldPrune(this);

    /// <summary>Stores a user attribute on this trial (e.g. a tracking run id, fold scores as JSON).</summary>
    public void SetUserAttr(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _study.Storage.SetTrialUserAttrAsync(_study.StudyId, Number, key, value, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The parameters suggested so far (external values), read from storage.</summary>
    public IReadOnlyDictionary<string, object?> Params =>
        _study.Storage.GetTrialAsync(_study.StudyId, Number, CancellationToken.None).GetAwaiter().GetResult().Params;

    internal void StopHeartbeat() => _heartbeat?.Dispose();

    private object? Suggest(string name, ParameterDistribution distribution)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var current = _study.Storage.GetTrialAsync(_study.StudyId, Number, CancellationToken.None).GetAwaiter().GetResult();
        if (current.Distributions.TryGetValue(name, out var existing))
        {
            if (!existing.Equals(distribution))
                throw GyreException.InvalidInput($"Trial {Number}: parameter '{name}' was already suggested with a different distribution ({existing} vs {distribution}).");
            return current.Params[name];
        }
        double internalValue;
        if (_relative.TryGetValue(name, out var r) && distribution.Contains(r))
            internalValue = r;
        else
            internalValue = _study.SampleIndependent(current, name, distribution);
        _study.Storage.SetParamAsync(_study.StudyId, Number, name, distribution, internalValue, CancellationToken.None).GetAwaiter().GetResult();
        return distribution.ToExternal(internalValue);
    }
}
