using Gyre.Data.Parquet;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// Batch output as Parquet, one row group per chunk: passthrough columns as text (their values as read), the
/// predicted label as text, probabilities and predictions as doubles.
/// </summary>
internal sealed class ParquetBatchSink : IBatchSink
{
    private readonly ParquetChunkWriter _writer;
    private readonly BatchOutputColumns _columns;

    private ParquetBatchSink(ParquetChunkWriter writer, BatchOutputColumns columns)
    {
        _writer = writer;
        _columns = columns;
    }

    public static async Task<ParquetBatchSink> CreateAsync(string path, BatchOutputColumns columns, CancellationToken cancellationToken)
    {
        var schema = columns.Passthrough.Select(c => new ParquetOutputColumn(c, ParquetOutputKind.Text)).ToList();
        schema.AddRange(columns.Outputs.Select(c => new ParquetOutputColumn(c, c == "predicted_label" ? ParquetOutputKind.Text : ParquetOutputKind.Number)));
        return new ParquetBatchSink(await ParquetChunkWriter.CreateAsync(path, schema, cancellationToken), columns);
    }

    public object Encode(ScoredRows rows)
    {
        var count = rows.Records.Count;
        var layout = rows.Layout;
        var arrays = new List<Array>(_columns.All.Count);
        foreach (var column in layout.PassthroughColumns)
        {
            var values = new string?[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = rows.Chunk.Text(rows.Records[i], column);
            }

            arrays.Add(values);
        }

        if (_columns.Task == TaskKind.Regression)
        {
            arrays.Add(rows.Predictions.Select(p => p.Value).ToArray());
        }
        else
        {
            arrays.Add(rows.Predictions.Select(p => p.PredictedLabel).ToArray());
            arrays.Add(rows.Predictions.Select(p => p.Probability).ToArray());
            for (var k = 0; k < _columns.Outputs.Count - 2; k++)
            {
                var classIndex = k;
                arrays.Add(rows.Predictions.Select(p => p.ClassProbabilities is { } all && classIndex < all.Count ? all[classIndex] : (double?)null).ToArray());
            }
        }

        return (arrays, count);
    }

    public async ValueTask WriteAsync(object encoded, CancellationToken cancellationToken)
    {
        var (arrays, count) = ((List<Array>, int))encoded;
        await _writer.WriteRowGroupAsync(arrays, count, cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _writer.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
