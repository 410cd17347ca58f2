using Gyre.Data.Tables;
using Gyre.Training.Specs;

namespace Gyre.Training.Featurization;

/// <summary>
/// One input column a model needs, as seen in the training data: its data <paramref name="Type"/>, how it is
/// featurized (<paramref name="Kind"/> is resolved: never <see cref="FeatureKind.Categorical"/> or
/// <see cref="FeatureKind.Ignore"/>), whether training data had missing values (<paramref name="Nullable"/>),
/// and, for one-hot columns, the categories seen in training (ordinal order).
/// </summary>
public sealed record SignatureColumn(string Name, ColumnType Type, FeatureKind Kind, bool Nullable, IReadOnlyList<string>? Categories = null);
