namespace Gyre.Tuning.Analysis;

/// <summary>One Complete trial on the optimisation history (Optuna's plot_optimization_history).</summary>
/// <param name="Number">Trial number.</param>
/// <param name="Value">The trial's objective value.</param>
/// <param name="BestSoFar">Best value among Complete trials numbered up to and including this one.</param>
public sealed record HistoryPoint(int Number, double Value, double BestSoFar);
