using Gyre.Training.Specs;

namespace Gyre.Pipelines.Batch;

/// <summary>Batch output as CSV (UTF-8, comma, LF): the header, then per row the passthrough fields and the model's outputs.</summary>
internal sealed class CsvBatchSink : IBatchSink
{
    private readonly AtomicByteSink _file;
    private readonly BatchOutputColumns _columns;

    private CsvBatchSink(AtomicByteSink file, BatchOutputColumns columns)
    {
        _file = file;
        _columns = columns;
    }

    public static async Task<CsvBatchSink> CreateAsync(string path, BatchOutputColumns columns, CancellationToken cancellationToken)
    {
        var file = new AtomicByteSink(path);
        try
        {
            var header = new Utf8CsvBuilder(1024);
            foreach (var name in columns.All)
            {
                header.WriteText(name);
            }

            header.EndRow();
            await file.WriteAsync(header.Written, cancellationToken);
            return new CsvBatchSink(file, columns);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public object Encode(ScoredRows rows)
    {
        var output = new Utf8CsvBuilder(Math.Max(4096, rows.Records.Count * 64));
        var layout = rows.Layout;
        for (var i = 0; i < rows.Records.Count; i++)
        {
            var record = rows.Records[i];
            if (layout.WholeRecord)
            {
                rows.Chunk.WriteCsvRecord(record, output);
            }
            else
            {
                foreach (var column in layout.PassthroughColumns)
                {
                    rows.Chunk.WriteCsvField(record, column, output);
                }
            }

            var prediction = rows.Predictions[i];
            if (_columns.Task == TaskKind.Regression)
            {
                output.WriteNumber(prediction.Value);
            }
            else
            {
                output.WriteText(prediction.PredictedLabel);
                output.WriteNumber(prediction.Probability);
                if (_columns.Task == TaskKind.Multiclass)
                {
                    foreach (var probability in prediction.ClassProbabilities ?? [])
                    {
                        output.WriteNumber(probability);
                    }
                }
            }

            output.EndRow();
        }

        return output.Written;
    }

    public ValueTask WriteAsync(object encoded, CancellationToken cancellationToken) =>
        _file.WriteAsync((ReadOnlyMemory<byte>)encoded, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => _file.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
