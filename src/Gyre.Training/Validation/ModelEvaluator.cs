using System.Globalization;
using Gyre.Data.Tables;
using Gyre.Training.Evaluation;
using Gyre.Training.Featurization;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;

namespace Gyre.Training.Validation;

/// <summary>Scores rows whose labels are known and computes the task's metrics.</summary>
internal static class ModelEvaluator
{
    public static ModelEvaluation Evaluate(TrainedModel model, DataTable rows, EncodedLabels labels) =>
        Compute(labels, model.Predictor.PredictConformed(rows));

    /// <summary>The task's metrics of <paramref name="predictions"/> (one per label, same order) against <paramref name="labels"/>.</summary>
    public static ModelEvaluation Compute(EncodedLabels labels, IReadOnlyList<RowPrediction> predictions)
    {
        var mapping = labels.Mapping;
        switch (mapping.Task)
        {
            case TaskKind.Binary:
                var binary = BinaryMetrics.Compute([.. labels.Codes.Select(c => c == 1)], [.. predictions.Select(p => p.Probability!.Value)]);
                return new ModelEvaluation(binary.ToDictionary(), binary, null, null, predictions, [.. labels.Codes.Select(c => mapping.ClassNames[c])]);
            case TaskKind.Multiclass:
                var multiclass = MulticlassMetrics.Compute(labels.Codes, [.. predictions.Select(p => p.ClassProbabilities!.ToArray())], mapping.ClassNames);
                return new ModelEvaluation(multiclass.ToDictionary(), null, multiclass, null, predictions, [.. labels.Codes.Select(c => mapping.ClassNames[c])]);
            default:
                var regression = RegressionMetrics.Compute(labels.Values, [.. predictions.Select(p => p.Value!.Value)]);
                return new ModelEvaluation(regression.ToDictionary(), null, null, regression, predictions,
                    [.. labels.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))]);
        }
    }
}
