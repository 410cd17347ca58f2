using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Gyre.Training.Scoring;

/// <summary>
/// One thread's machinery for scoring single rows without building a view per request: a one-row table made by
/// <see cref="FeatureRow.ToTable"/> (so its columns and the view <see cref="FeatureViewBuilder"/> builds over it are
/// exactly the batch path's), a cursor parked on its only row, and the model's row-to-row mapper bound to an input
/// row over that cursor. <see cref="Score"/> overwrites the table's cells and pulls the output getter.
/// Not thread-safe: <see cref="RowScorer"/> pools engines and hands each to one thread at a time.
/// </summary>
internal sealed class RowScoringEngine : IDisposable
{
    private readonly LabelMapping _labels;
    private readonly IReadOnlyList<DataColumn> _cells;
    private readonly RefreshingInputRow _input;
    private readonly DataViewRow _output;
    private readonly ValueGetter<float>? _value;
    private readonly ValueGetter<VBuffer<float>>? _scores;
    private VBuffer<float> _scoreBuffer;

    public RowScoringEngine(ITransformer model, IReadOnlyList<SignatureColumn> signature, LabelMapping labels)
    {
        _labels = labels;
        var table = new FeatureRow(signature).ToTable();
        _cells = table.Columns;
        var view = FeatureViewBuilder.Build(table, signature);
        var cursor = view.GetRowCursor(view.Schema);
        if (!cursor.MoveNext())
        {
            throw new InvalidOperationException("A one-row feature view has no row.");
        }

        _input = new RefreshingInputRow(cursor);
        var mapper = model.GetRowToRowMapper(view.Schema);
        var outputName = labels.Task == TaskKind.Binary ? "Probability" : "Score";
        var outputColumn = mapper.OutputSchema.GetColumnOrNull(outputName)
            ?? throw new InvalidOperationException($"The model has no '{outputName}' output column for a {labels.Task} task.");
        _output = mapper.GetRow(_input, [outputColumn]);
        if (labels.Task == TaskKind.Multiclass)
        {
            _scores = _output.GetGetter<VBuffer<float>>(outputColumn);
        }
        else
        {
            _value = _output.GetGetter<float>(outputColumn);
        }
    }

    /// <summary>Scores <paramref name="row"/> (which must have the engine's signature); the prediction's Line is <paramref name="line"/>.</summary>
    public RowPrediction Score(FeatureRow row, long line)
    {
        row.CopyTo(_cells);
        _input.Advance();
        switch (_labels.Task)
        {
            case TaskKind.Binary:
                var probability = 0f;
                _value!(ref probability);
                var p = (double)probability;
                return new RowPrediction(line, _labels.ClassNames[p >= ModelOutputReader.BinaryThreshold ? 1 : 0], p, null, null);
            case TaskKind.Multiclass:
                _scores!(ref _scoreBuffer);
                var classCount = _labels.ClassNames.Count;
                var probabilities = new double[classCount];
                var available = Math.Min(classCount, _scoreBuffer.Length);
                for (var k = 0; k < available; k++)
                {
                    probabilities[k] = _scoreBuffer.GetItemOrDefault(k);
                }

                var best = 0;
                for (var k = 1; k < classCount; k++)
                {
                    if (probabilities[k] > probabilities[best])
                    {
                        best = k;
                    }
                }

                return new RowPrediction(line, _labels.ClassNames[best], probabilities[best], probabilities, null);
            default:
                var value = 0f;
                _value!(ref value);
                return new RowPrediction(line, null, null, null, value);
        }
    }

    public void Dispose()
    {
        _output.Dispose();
        _input.Dispose();
    }
}
