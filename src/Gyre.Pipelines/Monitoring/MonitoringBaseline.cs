using Gyre.Data.Tables;
using Gyre.Monitoring.Profiles;
using Gyre.Training.Featurization;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// The monitoring profile stored in a model package, so that a deployed model is monitored with no configuration:
/// mergeable sketches (<see cref="DatasetSketch"/>) of every training column (features and label) plus the model's
/// outputs on the training rows (<see cref="MonitoredFrames.PredictionColumn"/>, and
/// <see cref="MonitoredFrames.ProbabilityColumn"/> for binary models). Outputs on training rows are sharper than
/// on unseen rows for models that fit their training data closely; pass a held-out file as --reference to
/// `gyre monitor` when prediction drift must be judged against unseen data.
/// </summary>
public static class MonitoringBaseline
{
    /// <summary>The baseline's JSON (see <see cref="DatasetSketch.ToJson"/>).</summary>
    public static string BuildJson(DataTable data, TrainedModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        var frame = MonitoredFrames.FromTable(data);
        var scoring = model.Predictor.Score(data, cancellationToken);
        if (scoring.IsComplete && scoring.Predictions.Count == data.RowCount)
        {
            frame = MonitoredFrames.WithPredictions(frame, scoring.Predictions, model.Task).Frame;
        }

        return DatasetSketch.Build(frame).ToJson();
    }
}
