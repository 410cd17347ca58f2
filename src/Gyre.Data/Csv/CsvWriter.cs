using Gyre.Data.Files;

namespace Gyre.Data.Csv;

/// <summary>
/// Writes RFC 4180 CSV (comma, LF line ends, UTF-8 without BOM) to a file atomically: rows go to a temp
/// file in the target's folder, which replaces the target only on <see cref="CommitAsync"/>; disposing
/// without committing deletes it, so a failure never leaves a half-written file. Not thread-safe.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private readonly StreamWriter _writer;
    private bool _committed;

    public CsvWriter(string path, IReadOnlyList<string> header)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(header);
        _path = Path.GetFullPath(path);
        _tempPath = AtomicFile.TempPathFor(_path);
        _writer = new StreamWriter(_tempPath, false, AtomicFile.Utf8, 1 << 16) { NewLine = "\n" };
        WriteRow(header);
    }

    /// <summary>Writes one record; null fields are written empty.</summary>
    public void WriteRow(IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                _writer.Write(',');
            }

            first = false;
            _writer.Write(Escape(field));
        }

        _writer.Write('\n');
    }

    /// <summary>Flushes and moves the file into place.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _writer.FlushAsync(cancellationToken);
        await _writer.DisposeAsync();
        File.Move(_tempPath, _path, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (!_committed)
        {
            File.Delete(_tempPath);
        }
    }

    /// <summary>A field quoted when it holds a comma, quote, CR or LF, or leading/trailing space; quotes doubled.</summary>
    public static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]);
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
