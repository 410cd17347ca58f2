using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;
using Microsoft.ML;

namespace Gyre.Training.Trainers;

/// <summary>
/// Fits featurization + trainer on a table with encoded labels. Each fit gets its own
/// <see cref="MLContext"/> seeded with the spec's seed, so a fit's result does not depend on what ran before.
/// Cancellation is observed before and after the fit (ML.NET offers no public way to interrupt one).
/// </summary>
internal static class ModelFitter
{
    public static TrainedModel Fit(DataTable rows, EncodedLabels labels, TrainingSpec spec, ResolvedTrainer trainer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ml = new MLContext(spec.Seed);
        var plan = FeaturePlanner.Plan(rows, spec, TrainerEstimatorFactory.NeedsNormalization(trainer));
        var view = FeatureViewBuilder.Build(rows, plan.Columns, LabelColumn(labels));
        var estimator = FeaturePipelineBuilder.Build(ml, plan).Append(TrainerEstimatorFactory.Create(ml, trainer, spec.Seed));
        var model = estimator.Fit(view);

        cancellationToken.ThrowIfCancellationRequested();
        var inputSchema = FeatureViewBuilder.Build(rows.Take([]), plan.Columns).Schema;
        return new TrainedModel(ml, model, inputSchema, plan, labels.Mapping, trainer);
    }

    private static ViewColumn LabelColumn(EncodedLabels labels)
    {
        var codes = labels.Codes;
        var values = labels.Values;
        return labels.Mapping.Task switch
        {
            TaskKind.Binary => new BooleanViewColumn(FeatureViewBuilder.LabelColumn, r => codes[r] == 1),
            TaskKind.Multiclass => new KeyViewColumn(FeatureViewBuilder.LabelColumn, r => (uint)codes[r] + 1, labels.Mapping.ClassNames.Count),
            _ => new SingleViewColumn(FeatureViewBuilder.LabelColumn, r => (float)values[r]),
        };
    }
}
