using Gyre.Training.Specs;

namespace Gyre.Training.Featurization;

/// <summary>
/// How label values map to what the model predicts. Classification: <paramref name="ClassNames"/> in model
/// order (binary: [negative, positive]; multiclass: numeric order for numeric labels, ordinal string order
/// otherwise), each as the label's invariant text. <paramref name="PositiveClass"/> is set for binary only.
/// Regression: no classes.
/// </summary>
public sealed record LabelMapping(string Label, TaskKind Task, IReadOnlyList<string> ClassNames, string? PositiveClass);
