using System.Text;
using Gyre.Core;
using Gyre.Data.Reading;

namespace Gyre.Data.Csv;

/// <summary>
/// Streams a delimited text file (UTF-8 with or without BOM) with a header row. Memory is bounded by one
/// 64 K-character buffer plus the current record. Throws InvalidInput naming file and line for: an empty
/// file, an empty or duplicate header name, a record with the wrong number of fields, an unterminated quote.
/// </summary>
public sealed class CsvRecordReader : IRecordReader
{
    private readonly StreamReader _text;
    private readonly CsvTokenizer _tokenizer;
    private readonly MissingValueMatcher _missing;
    private readonly string?[] _current;

    private CsvRecordReader(string path, StreamReader text, CsvTokenizer tokenizer, MissingValueMatcher missing, IReadOnlyList<string> columnNames, long headerLine)
    {
        Path = path;
        _text = text;
        _tokenizer = tokenizer;
        _missing = missing;
        ColumnNames = columnNames;
        HeaderLine = headerLine;
        _current = new string?[columnNames.Count];
        tokenizer.ColumnNames = columnNames;
    }

    public string Path { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public long? HeaderLine { get; }

    /// <summary>The delimiter in use (given or detected).</summary>
    public char Delimiter => _tokenizer.Delimiter;

    public IReadOnlyList<string?> Current => _current;

    public long Line { get; private set; }

    /// <summary>Opens the file, detects the delimiter unless <see cref="ReadOptions.Delimiter"/> is set, and reads the header.</summary>
    public static async Task<CsvRecordReader> OpenAsync(string path, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new ReadOptions();
        DataFile.ThrowIfMissing(path);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 1 << 16,
        });
        var text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            var tokenizer = new CsvTokenizer(text, path);
            await tokenizer.FillAsync(cancellationToken);
            tokenizer.Delimiter = options.Delimiter
                ?? (System.IO.Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase)
                    ? '\t'
                    : CsvDelimiterDetector.Detect(tokenizer.Buffered, tokenizer.BufferHoldsRest));
            if (!await tokenizer.ReadRecordAsync(cancellationToken))
            {
                throw GyreException.InvalidInput($"{path} is empty: expected a header row with the column names on line 1.");
            }

            var names = ValidateHeader(path, tokenizer.RecordLine, tokenizer.Fields);
            return new CsvRecordReader(path, text, tokenizer, new MissingValueMatcher(options.MissingMarkers), names, tokenizer.RecordLine);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await _tokenizer.ReadRecordAsync(cancellationToken))
        {
            return false;
        }

        var fields = _tokenizer.Fields;
        Line = _tokenizer.RecordLine;
        if (fields.Count != _current.Length)
        {
            throw GyreException.InvalidInput($"{Path} line {Line}: expected {_current.Length} fields, found {fields.Count}.");
        }

        for (var i = 0; i < fields.Count; i++)
        {
            _current[i] = _missing.IsMissing(fields[i]) ? null : fields[i];
        }

        return true;
    }

    public string FormatLocation(long line) => $"{Path} line {line}";

    public ValueTask DisposeAsync()
    {
        _text.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string[] ValidateHeader(string path, long line, IReadOnlyList<string> fields)
    {
        var names = new string[fields.Count];
        var firstColumnByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim();
            if (name.Length == 0)
            {
                throw GyreException.InvalidInput($"{path} line {line}, column {i + 1}: the header name is empty; every column needs a name.");
            }

            if (!firstColumnByName.TryAdd(name, i + 1))
            {
                throw GyreException.InvalidInput(
                    $"{path} line {line}, column {i + 1}: header name '{name}' duplicates column {firstColumnByName[name]}; column names must be unique.");
            }

            names[i] = name;
        }

        return names;
    }
}
