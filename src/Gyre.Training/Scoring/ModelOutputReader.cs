using Gyre.Training.Featurization;
using Gyre.Training.Specs;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Gyre.Training.Scoring;

/// <summary>Reads ML.NET prediction columns back into <see cref="RowPrediction"/>s.</summary>
internal static class ModelOutputReader
{
    public const double BinaryThreshold = 0.5;

    /// <summary>Applies the fitted model to <paramref name="view"/>; <paramref name="lines"/> gives each row's line.</summary>
    public static List<RowPrediction> Predict(ITransformer model, IDataView view, LabelMapping labels, IReadOnlyList<long> lines)
    {
        var scored = model.Transform(view);
        var result = new List<RowPrediction>(lines.Count);
        switch (labels.Task)
        {
            case TaskKind.Binary:
                var row = 0;
                foreach (var probability in scored.GetColumn<float>("Probability"))
                {
                    var p = (double)probability;
                    result.Add(new RowPrediction(lines[row++], labels.ClassNames[p >= BinaryThreshold ? 1 : 0], p, null, null));
                }

                break;
            case TaskKind.Multiclass:
                row = 0;
                var classCount = labels.ClassNames.Count;
                foreach (var score in scored.GetColumn<VBuffer<float>>("Score"))
                {
                    var probabilities = new double[classCount];
                    var dense = score.DenseValues().ToArray();
                    for (var k = 0; k < Math.Min(classCount, dense.Length); k++)
                    {
                        probabilities[k] = dense[k];
                    }

                    var best = 0;
                    for (var k = 1; k < classCount; k++)
                    {
                        if (probabilities[k] > probabilities[best])
                        {
                            best = k;
                        }
                    }

                    result.Add(new RowPrediction(lines[row++], labels.ClassNames[best], probabilities[best], probabilities, null));
                }

                break;
            default:
                row = 0;
                foreach (var value in scored.GetColumn<float>("Score"))
                {
                    result.Add(new RowPrediction(lines[row++], null, null, null, value));
                }

                break;
        }

        return result;
    }
}
