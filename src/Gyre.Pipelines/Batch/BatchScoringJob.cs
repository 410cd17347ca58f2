using System.Diagnostics;
using System.Threading.Channels;
using Gyre.Core;
using Gyre.Data.Csv;
using Gyre.Data.Reading;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// Streaming batch scoring (`gyre predict`): reads the input in chunks of records, parses, checks and scores chunks on
/// every core, and writes the outputs in input order to a CSV or Parquet file. Memory is bounded by a few chunks, not
/// by the input. Records that break the model's signature are rejected (counted, reported by line, written to the
/// rejects file when asked); the job succeeds when the reject rate is at most the threshold. The output is written
/// atomically: committed on success (or when asked to write anyway); a failure, a cancellation or a reject rate over
/// the threshold leaves no output file (and an existing one untouched). The rejects file, when asked for, is committed
/// whenever the input was read to its end.
/// </summary>
public static class BatchScoringJob
{
    public static async Task<BatchScoringResult> RunAsync(ModelPackage package, BatchScoringOptions options, Action<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var watch = Stopwatch.StartNew();
        var outputPath = Path.GetFullPath(options.Output);
        var rejectsPath = options.RejectsPath is { } r ? Path.GetFullPath(r) : null;
        var files = BatchInputs.Resolve(options.Input)
            .Where(f => Path.GetFullPath(f) != outputPath && Path.GetFullPath(f) != rejectsPath)
            .ToList();
        if (files.Count == 0)
        {
            throw GyreException.InvalidInput(File.Exists(options.Input)
                ? $"--output '{options.Output}' is the input itself; write to another file."
                : $"--input folder '{options.Input}' holds no data file besides the output and rejects files.");
        }

        var layouts = await LayoutsAsync(files, package, options, cancellationToken);
        var columns = BatchOutputColumns.For(package.Manifest.Task, package.Manifest.ClassNames, options.Passthrough ?? layouts[0].Columns);
        var totalBytes = files.Sum(f => new FileInfo(f).Length);

        await using var sink = await CreateSinkAsync(outputPath, columns, cancellationToken);
        await using var rejects = rejectsPath is null ? null : await CreateRejectsAsync(rejectsPath, layouts[0].Columns, cancellationToken);
        var tally = new BatchTally(options.MaxViolationsReported);
        var processor = new ChunkProcessor(RowScorer.For(package), new MissingValueMatcher(ReadOptions.DefaultMissingMarkers), sink);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<Task<ChunkOutcome>>(new BoundedChannelOptions(Math.Max(2, options.Parallelism * 2)) { SingleReader = true, SingleWriter = true });
        using var workers = new SemaphoreSlim(options.Parallelism);
        var producer = Task.Run(() => ProduceAsync(layouts, options.ChunkRows, processor, workers, chunks.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var pending in chunks.Reader.ReadAllAsync(stop.Token))
            {
                var outcome = await pending;
                await sink.WriteAsync(outcome.Encoded, stop.Token);
                if (rejects is not null && !outcome.Rejects.IsEmpty)
                {
                    await rejects.WriteAsync(outcome.Rejects, stop.Token);
                }

                tally.Add(outcome);
                progress?.Invoke(new BatchProgress(tally.RowsRead, tally.RowsScored, tally.RowsRejected, tally.Bytes, totalBytes, watch.Elapsed));
            }

            await producer;
        }
        catch
        {
            await stop.CancelAsync();
            await DrainAsync(chunks.Reader, producer);
            throw;
        }

        var succeeded = tally.RejectRate <= options.MaxRejectRate;
        var written = succeeded || options.WriteOverThreshold;
        if (written)
        {
            await sink.CommitAsync(cancellationToken);
        }

        if (rejects is not null)
        {
            await rejects.CommitAsync(cancellationToken);
        }

        return new BatchScoringResult(outputPath, written, succeeded, files, tally.RowsRead, tally.RowsScored, tally.RowsRejected,
            options.MaxRejectRate, rejectsPath, tally.Violations, tally.ViolationCount, tally.Warnings(), watch.Elapsed);
    }

    private static void Validate(BatchScoringOptions options)
    {
        var extension = Path.GetExtension(options.Output).ToLowerInvariant();
        if (extension is not (".csv" or ".parquet"))
        {
            throw GyreException.InvalidInput($"--output '{options.Output}': write a .csv or a .parquet file (got '{extension}').");
        }

        if (options.RejectsPath is { } rejects && !Path.GetExtension(rejects).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw GyreException.InvalidInput($"--rejects '{rejects}': the rejects file is CSV; name it *.csv.");
        }

        if (options.RejectsPath is { } same && Path.GetFullPath(same) == Path.GetFullPath(options.Output))
        {
            throw GyreException.InvalidInput("--rejects and --output name the same file.");
        }

        if (!(options.MaxRejectRate is >= 0 and <= 1))
        {
            throw GyreException.InvalidInput($"--max-reject-rate must be between 0 and 1; got {options.MaxRejectRate}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkRows, 1, "--chunk-rows");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1, "--threads");
    }

    private static async Task<List<BatchFileLayout>> LayoutsAsync(List<string> files, ModelPackage package, BatchScoringOptions options, CancellationToken cancellationToken)
    {
        var layouts = new List<BatchFileLayout>(files.Count);
        foreach (var file in files)
        {
            IReadOnlyList<string> columns;
            await using (var reader = await DataFile.OpenAsync(file, null, cancellationToken))
            {
                columns = reader.ColumnNames;
            }

            if (options.Passthrough is null && layouts.Count > 0 && !columns.SequenceEqual(layouts[0].Columns))
            {
                throw GyreException.InvalidInput(
                    $"{file}: its columns ({string.Join(", ", columns)}) differ from {layouts[0].File}'s ({string.Join(", ", layouts[0].Columns)}); " +
                    "files scored together must share their columns, or name the columns to keep with --passthrough.");
            }

            layouts.Add(BatchFileLayout.For(file, columns, package.Predictor.Signature, options.Passthrough ?? columns));
        }

        return layouts;
    }

    private static async Task<IBatchSink> CreateSinkAsync(string path, BatchOutputColumns columns, CancellationToken cancellationToken) =>
        Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase)
            ? await ParquetBatchSink.CreateAsync(path, columns, cancellationToken)
            : await CsvBatchSink.CreateAsync(path, columns, cancellationToken);

    private static async Task<AtomicByteSink> CreateRejectsAsync(string path, IReadOnlyList<string> inputColumns, CancellationToken cancellationToken)
    {
        var file = new AtomicByteSink(path);
        var header = new Utf8CsvBuilder(1024);
        foreach (var name in ChunkProcessor.RejectsHeader(inputColumns))
        {
            header.WriteText(name);
        }

        header.EndRow();
        await file.WriteAsync(header.Written, cancellationToken);
        return file;
    }

    /// <summary>
    /// Reads every file in order, cuts it into chunks and starts a worker task per chunk: at most
    /// <paramref name="workers"/>' count at once, and the channel bounds how many finished chunks wait for the writer.
    /// </summary>
    private static async Task ProduceAsync(
        IReadOnlyList<BatchFileLayout> layouts, int chunkRows, ChunkProcessor processor, SemaphoreSlim workers, ChannelWriter<Task<ChunkOutcome>> output, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            foreach (var layout in layouts)
            {
                await foreach (var chunk in ReadChunksAsync(layout.File, chunkRows, cancellationToken))
                {
                    await workers.WaitAsync(cancellationToken);
                    await output.WriteAsync(Task.Run(() => Process(processor, chunk, layout, workers, cancellationToken), cancellationToken), cancellationToken);
                }
            }
        }
        catch (Exception error)
        {
            failure = error;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    private static ChunkOutcome Process(ChunkProcessor processor, InputChunk chunk, BatchFileLayout layout, SemaphoreSlim workers, CancellationToken cancellationToken)
    {
        try
        {
            return processor.Process(chunk, layout, cancellationToken);
        }
        finally
        {
            workers.Release();
        }
    }

    private static async IAsyncEnumerable<InputChunk> ReadChunksAsync(string file, int chunkRows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var delimited = DataFile.DelimitedExtensions.Contains(Path.GetExtension(file).ToLowerInvariant());
        await using var fast = delimited ? await CsvChunkReader.OpenAsync(file, null, cancellationToken) : null;
        if (fast is not null)
        {
            while (await fast.ReadChunkAsync(chunkRows, cancellationToken) is { } chunk)
            {
                yield return new CsvInputChunk(chunk);
            }

            yield break;
        }

        await using var reader = await DataFile.OpenAsync(file, null, cancellationToken);
        var fileBytes = new FileInfo(file).Length;
        var records = new List<string?[]>(chunkRows);
        var lines = new List<long>(chunkRows);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add([.. reader.Current]);
            lines.Add(reader.Line);
            if (records.Count == chunkRows)
            {
                yield return new TextInputChunk(file, records, lines, 0);
                records = new List<string?[]>(chunkRows);
                lines = new List<long>(chunkRows);
            }
        }

        yield return new TextInputChunk(file, records, lines, fileBytes);
    }

    private static async Task DrainAsync(ChannelReader<Task<ChunkOutcome>> reader, Task producer)
    {
        try
        {
            await producer;
        }
        catch (Exception)
        {
            // The job already failed; the producer's own error (usually the cancellation) adds nothing.
        }

        while (reader.TryRead(out var pending))
        {
            try
            {
                await pending;
            }
            catch (Exception)
            {
                // As above: a worker cancelled or failed after the job had failed.
            }
        }
    }
}
