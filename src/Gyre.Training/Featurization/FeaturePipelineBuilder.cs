using Gyre.Training.Specs;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Gyre.Training.Featurization;

/// <summary>
/// Builds the (unfitted) ML.NET featurization for a <see cref="FeaturePlan"/>, ending in the
/// <see cref="FeatureViewBuilder.FeaturesColumn"/> vector. Numeric parts: mean imputation, plus a 0/1
/// missing indicator when training had missing values; one-hot maps unseen values to all zeros; hashed
/// columns use 2^HashBits slots; text uses FeaturizeText; normalization (mean-variance) only when asked.
/// </summary>
internal static class FeaturePipelineBuilder
{
    public static IEstimator<ITransformer> Build(MLContext ml, FeaturePlan plan)
    {
        var featureParts = new List<string>();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            var column = plan.Columns[i];
            var name = FeatureViewBuilder.InputName(i);
            switch (column.Kind)
            {
                case FeatureKind.Numeric:
                    pipeline = AppendNumeric(ml, pipeline, name, column.Nullable, featureParts);
                    break;
                case FeatureKind.DateTime:
                    foreach (var part in FeatureViewBuilder.DateTimeParts)
                    {
                        pipeline = AppendNumeric(ml, pipeline, $"{name}.{part}", column.Nullable, featureParts);
                    }

                    break;
                case FeatureKind.OneHot:
                    pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding($"{name}.onehot", name, OneHotEncodingEstimator.OutputKind.Indicator));
                    featureParts.Add($"{name}.onehot");
                    break;
                case FeatureKind.Hash:
                    pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotHashEncoding(
                        $"{name}.hash", name, OneHotEncodingEstimator.OutputKind.Indicator, numberOfBits: plan.HashBits));
                    featureParts.Add($"{name}.hash");
                    break;
                case FeatureKind.Text:
                    pipeline = pipeline.Append(ml.Transforms.Text.FeaturizeText($"{name}.text", name));
                    featureParts.Add($"{name}.text");
                    break;
                default:
                    throw new InvalidOperationException($"Unresolved feature kind {column.Kind} for column '{column.Name}'.");
            }
        }

        pipeline = pipeline.Append(ml.Transforms.Concatenate(FeatureViewBuilder.FeaturesColumn, [.. featureParts]));
        if (plan.Normalize)
        {
            pipeline = pipeline.Append(ml.Transforms.NormalizeMeanVariance(FeatureViewBuilder.FeaturesColumn));
        }

        return pipeline;
    }

    private static IEstimator<ITransformer> AppendNumeric(MLContext ml, IEstimator<ITransformer> pipeline, string name, bool withIndicator, List<string> featureParts)
    {
        if (withIndicator)
        {
            pipeline = pipeline
                .Append(ml.Transforms.IndicateMissingValues($"{name}.is_missing", name))
                .Append(ml.Transforms.Conversion.ConvertType($"{name}.missing", $"{name}.is_missing", DataKind.Single));
            featureParts.Add($"{name}.missing");
        }

        pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues($"{name}.filled", name, MissingValueReplacingEstimator.ReplacementMode.Mean));
        featureParts.Add($"{name}.filled");
        return pipeline;
    }
}
