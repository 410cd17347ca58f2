using Gyre.Training.Specs;

namespace Gyre.Training.Trainers;

/// <summary>
/// A trainer choice after validation: the concrete trainer (<paramref name="Name"/>; the alias "linear"
/// resolves to "lbfgs" or "sdca"), the task, and every hyperparameter's effective value (defaults filled
/// in, aliases replaced by canonical names, values in canonical invariant-culture form). This is what
/// tracking records as the run's parameters.
/// </summary>
public sealed record ResolvedTrainer(string Name, TaskKind Task, IReadOnlyDictionary<string, string> EffectiveHyperparameters)
{
    internal int GetInt(string name) => int.Parse(EffectiveHyperparameters[name], System.Globalization.CultureInfo.InvariantCulture);

    internal double GetDouble(string name) => double.Parse(EffectiveHyperparameters[name], System.Globalization.CultureInfo.InvariantCulture);
}
