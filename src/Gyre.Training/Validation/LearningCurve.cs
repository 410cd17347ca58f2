using Gyre.Data.Tables;
using Gyre.Training.Evaluation;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Gyre.Training.Validation;

/// <summary>
/// The learning curve of a boosted tree model: the evaluation metric after each boosting iteration 1..N on the
/// rows the model was evaluated on — <c>roc_auc</c> for binary tasks, <c>rmse</c> for regression — from the
/// model's own trees (<see cref="BoostedTreeEnsemble"/>) accumulated one iteration at a time. Binary scores go
/// through the model's calibrator before ranking, exactly as the final evaluation's probabilities do, so the last
/// point equals the final evaluation's metric.
/// </summary>
/// <remarks>
/// Computed for <c>lightgbm</c> and <c>fasttree</c> on binary and regression tasks only; every other case gives
/// an empty curve: forests and linear models have no boosting iterations, and multiclass boosting does not reduce
/// to one staged score (LightGBM grows one tree per class per iteration and applies a softmax; FastTree's
/// one-versus-all holds a separately calibrated binary ensemble per class, normalized afterwards), and a binary
/// curve is empty when the labels hold one class (ROC AUC is undefined). Self-check: after the last iteration the
/// staged raw score must equal ML.NET's own Score output for every row within <see cref="Tolerance"/> (relative
/// to max(1, |score|)); otherwise — an unsupported split kind, NaN handling that differs, a future ML.NET change —
/// the curve is dropped (empty) rather than reported wrong. Cost: one pass of the model over the rows, one walk of
/// every tree per row (each row scattered once into a dense buffer), and per iteration one metric computation (a
/// sort for ROC AUC); memory: the rows' non-zero features plus at most <see cref="MaxStagedScores"/> staged floats.
/// </remarks>
internal static class LearningCurve
{
    /// <summary>The self-check's tolerance on the final raw score, relative to max(1, |ML.NET score|).</summary>
    public const double Tolerance = 1e-4;

    private const string ScoreColumn = "Score";

    /// <summary>Staged scores held at once (iterations × rows, 16 MB); longer curves are staged in chunks of iterations.</summary>
    private const int MaxStagedScores = 1 << 22;

    public static IReadOnlyList<IterationMetric> Compute(TrainedModel model, DataTable rows, EncodedLabels labels, CancellationToken cancellationToken)
    {
        if (model.Trainer.Name is not ("lightgbm" or "fasttree") || model.Task is not (TaskKind.Binary or TaskKind.Regression) || rows.RowCount == 0)
        {
            return [];
        }

        var positives = model.Task == TaskKind.Binary ? labels.Codes.Select(c => c == 1).ToArray() : [];
        if (model.Task == TaskKind.Binary && (positives.All(p => p) || !positives.Any(p => p)))
        {
            return [];
        }

        if (BoostedTreeEnsemble.Find(model.Transformer) is not { } ensemble)
        {
            return [];
        }

        var (features, modelScores) = Featurize(model, rows);
        var name = model.Task == TaskKind.Binary ? "roc_auc" : "rmse";
        var rowCount = rows.RowCount;
        var sums = new double[rowCount];
        Array.Fill(sums, ensemble.Bias);
        var treesPerChunk = Math.Clamp(MaxStagedScores / rowCount, 1, ensemble.TreeCount);
        var staged = new float[treesPerChunk * rowCount];
        var outputs = new double[rowCount];
        var curve = new List<IterationMetric>(ensemble.TreeCount);
        for (var first = 0; first < ensemble.TreeCount; first += treesPerChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(treesPerChunk, ensemble.TreeCount - first);
            ensemble.Stage(features, first, count, sums, staged);
            for (var k = 0; k < count; k++)
            {
                for (var row = 0; row < rowCount; row++)
                {
                    // ML.NET rounds the ensemble's double sum to float, then calibrates that float.
                    var score = staged[(k * rowCount) + row];
                    outputs[row] = ensemble.Calibrator is { } calibrator ? calibrator.PredictProbability(score) : score;
                }

                var value = model.Task == TaskKind.Binary
                    ? RankingCurves.Compute(positives, outputs).RocAuc
                    : Evaluation.RegressionMetrics.Compute(labels.Values, outputs).Rmse;
                curve.Add(new IterationMetric(first + k + 1, name, value));
            }
        }

        return MatchesModelScores(sums, modelScores) ? curve : [];
    }

    /// <summary>
    /// Runs the whole fitted model over <paramref name="rows"/> (which fit its signature) and returns each row's
    /// featurized vector (the input the final predictor saw) and the predictor's raw Score.
    /// </summary>
    internal static (SparseFeatureRows Features, float[] Scores) Featurize(TrainedModel model, DataTable rows)
    {
        var scored = model.Transformer.Transform(FeatureViewBuilder.Build(rows, model.Signature));
        var featuresColumn = scored.Schema[FeatureViewBuilder.FeaturesColumn];
        var scoreColumn = scored.Schema[ScoreColumn];
        var builder = new SparseFeatureRows.Builder();
        var scores = new float[rows.RowCount];
        using var cursor = scored.GetRowCursor([featuresColumn, scoreColumn]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(featuresColumn);
        var getScore = cursor.GetGetter<float>(scoreColumn);
        VBuffer<float> vector = default;
        var row = 0;
        while (cursor.MoveNext())
        {
            getFeatures(ref vector);
            builder.Add(vector);
            getScore(ref scores[row++]);
        }

        return (builder.Build(), scores);
    }

    private static bool MatchesModelScores(double[] staged, float[] modelScores)
    {
        for (var row = 0; row < staged.Length; row++)
        {
            double expected = modelScores[row];
            if (!(Math.Abs((float)staged[row] - expected) <= Tolerance * Math.Max(1.0, Math.Abs(expected))))
            {
                return false;
            }
        }

        return true;
    }
}
