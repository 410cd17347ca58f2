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
    private readonly TreeShortcut? _shortcut;
    private readonly ValueGetter<VBuffer<float>>? _features;
    private readonly float[] _dense = [];
    private VBuffer<float> _scoreBuffer;
    private VBuffer<float> _featureBuffer;

    /// <param name="shortcut">When given (a tree-ensemble binary or regression model), the trees are walked by it on the featurized vector.</param>
    public RowScoringEngine(ITransformer model, IReadOnlyList<SignatureColumn> signature, LabelMapping labels, TreeShortcut? shortcut = null)
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
        var featuresColumn = mapper.OutputSchema.GetColumnOrNull(FeatureViewBuilder.FeaturesColumn);
        var useShortcut = shortcut is not null && labels.Task != TaskKind.Multiclass
            && featuresColumn?.Type is VectorDataViewType { ItemType: NumberDataViewType number, Size: > 0 } && number == NumberDataViewType.Single;
        _output = mapper.GetRow(_input, useShortcut ? [outputColumn, featuresColumn!.Value] : [outputColumn]);
        if (labels.Task == TaskKind.Multiclass)
        {
            _scores = _output.GetGetter<VBuffer<float>>(outputColumn);
        }
        else
        {
            _value = _output.GetGetter<float>(outputColumn);
        }

        if (useShortcut)
        {
            _shortcut = shortcut;
            _features = _output.GetGetter<VBuffer<float>>(featuresColumn!.Value);
            _dense = new float[Math.Max(((VectorDataViewType)featuresColumn.Value.Type).Size, shortcut!.Ensemble.SlotsRead)];
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
                var p = (double)Value();
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
                return new RowPrediction(line, null, null, null, Value());
        }
    }

    /// <summary>The binary probability or regression score: by the tree shortcut when it is on and the features hold no NaN, else by ML.NET.</summary>
    private float Value()
    {
        if (_shortcut is { Enabled: true } shortcut && Densify())
        {
            var ours = shortcut.Output(_dense);
            if (!shortcut.NeedsCheck)
            {
                return ours;
            }

            var reference = 0f;
            _value!(ref reference);
            shortcut.Check(ours, reference);
            return reference;
        }

        var value = 0f;
        _value!(ref value);
        return value;
    }

    /// <summary>Copies the featurized vector into the dense buffer; false when it holds a NaN (ML.NET's trees then decide).</summary>
    private bool Densify()
    {
        _features!(ref _featureBuffer);
        var span = _dense.AsSpan(0, _featureBuffer.Length);
        _featureBuffer.CopyTo(span);
        foreach (var value in span)
        {
            if (float.IsNaN(value))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        _output.Dispose();
        _input.Dispose();
    }
}
