namespace Gyre.Training.Featurization;

/// <summary>
/// The resolved featurization of one training set: the input columns in model order (the model's input
/// signature), hash bits for hashed columns, and whether the features are normalized (linear trainers).
/// </summary>
internal sealed record FeaturePlan(IReadOnlyList<SignatureColumn> Columns, int HashBits, bool Normalize);
