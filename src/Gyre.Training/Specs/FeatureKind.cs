namespace Gyre.Training.Specs;

/// <summary>How one input column becomes features (a per-column override of the type-based default).</summary>
public enum FeatureKind
{
    /// <summary>A number: missing values replaced by the training mean, plus a missing indicator when training had missing values.</summary>
    Numeric,

    /// <summary>One-hot up to <see cref="FeaturizationSpec.OneHotMaxCardinality"/> distinct training values, hashed above it.</summary>
    Categorical,

    /// <summary>Always one-hot; a value unseen in training maps to all zeros.</summary>
    OneHot,

    /// <summary>Always one-hot over 2^<see cref="FeaturizationSpec.HashBits"/> hash buckets.</summary>
    Hash,

    /// <summary>Word and character n-grams (ML.NET FeaturizeText).</summary>
    Text,

    /// <summary>The parts year, month, day, day of week and hour, each numeric.</summary>
    DateTime,

    /// <summary>Not used by the model and not required at scoring.</summary>
    Ignore,
}
