using Gyre.Data.Reading;
using Gyre.Training.Scoring;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// Parses, checks and scores one chunk (thread-safe: workers share one processor). A record is rejected when it is
/// malformed, a value does not convert to its signature type, or a value is missing where training had none (the
/// rules and messages of <see cref="ModelPredictor.Score"/>). Every other record is scored on one of the
/// <see cref="RowScorer"/>'s pooled engines, which give that method's predictions without building a view per chunk
/// (a view per chunk costs milliseconds and megabytes, and scales badly across cores). Rejected records become
/// rejects-file rows: file, line, column, kind, reason (every problem of the row), then the record's fields.
/// </summary>
internal sealed class ChunkProcessor(RowScorer scorer, MissingValueMatcher missing, IBatchSink sink)
{
    private const string AnyColumn = "*";
    private readonly HashSet<string>?[] _knownCategories = SignatureCells.KnownCategories(scorer.Signature);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public ChunkOutcome Process(InputChunk chunk, BatchFileLayout layout, CancellationToken cancellationToken)
    {
        var count = chunk.Count;
        var signature = scorer.Signature;
        var cells = new SignatureCells(signature, _knownCategories, missing, count);
        var lines = new long[count];
        var rowRecord = new int[count];
        var problems = new SortedDictionary<int, List<SignatureViolation>>();
        var found = new List<SignatureViolation>();
        var rows = 0;
        for (var record = 0; record < count; record++)
        {
            var line = chunk.LineOf(record);
            found.Clear();
            if (chunk.MalformedReason(record) is { } malformed)
            {
                found.Add(new SignatureViolation(line, AnyColumn, ViolationKind.MalformedRecord, $"{Location(chunk, line)}: {malformed}."));
            }
            else
            {
                for (var s = 0; s < signature.Count; s++)
                {
                    if (chunk.Parse(record, layout.SignatureColumns[s], cells, rows, s) is { } error)
                    {
                        found.Add(new SignatureViolation(line, signature[s].Name, ViolationKind.WrongType, error));
                    }
                }

                cells.CheckMissing(rows, line, found);
            }

            if (found.Count > 0)
            {
                problems[record] = [.. found];
                continue;
            }

            cells.CountUnseen(rows);
            lines[rows] = line;
            rowRecord[rows++] = record;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var predictions = scorer.ScoreMany(rows, cells.CopyTo, lines);
        var encoded = sink.Encode(new ScoredRows(chunk, layout, new ArraySegment<int>(rowRecord, 0, rows), predictions));
        return new ChunkOutcome(chunk.File, count, rows, problems.Count, encoded,
            EncodeRejects(chunk, problems), [.. problems.Values.SelectMany(v => v)], cells.UnseenWarnings(), chunk.Bytes);
    }

    /// <summary>The rejects file's header: its own columns, then the input's.</summary>
    public static IEnumerable<string> RejectsHeader(IReadOnlyList<string> inputColumns) =>
        ["file", "line", "column", "kind", "reason", .. inputColumns];

    private static string Location(InputChunk chunk, long line) =>
        chunk is TextInputChunk && Path.GetExtension(chunk.File).Equals(".parquet", StringComparison.OrdinalIgnoreCase) ? $"row {line}" : $"line {line}";

    private static ReadOnlyMemory<byte> EncodeRejects(InputChunk chunk, SortedDictionary<int, List<SignatureViolation>> problems)
    {
        if (problems.Count == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var output = new Utf8CsvBuilder(problems.Count * 256);
        foreach (var (record, violations) in problems)
        {
            output.WriteText(chunk.File);
            output.WriteNumber(chunk.LineOf(record));
            output.WriteText(violations[0].Column);
            output.WriteText(ViolationKindName.Of(violations[0].Kind));
            output.WriteText(string.Join("; ", violations.Select(v => v.Message)));
            chunk.WriteCsvRecord(record, output);
            output.EndRow();
        }

        return output.Written;
    }
}
