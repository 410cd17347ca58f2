using Gyre.Core;
using Gyre.Data.Csv;
using Gyre.Data.Parquet;

namespace Gyre.Data.Reading;

/// <summary>The one entry point for reading a data file; the reader is picked by the file's extension.</summary>
public static class DataFile
{
    /// <summary>The extensions read as delimited text.</summary>
    public static IReadOnlyList<string> DelimitedExtensions { get; } = [".csv", ".tsv", ".txt"];

    /// <summary>
    /// Opens <paramref name="path"/> for streaming: <c>.csv</c>, <c>.tsv</c>, <c>.txt</c> as delimited text,
    /// <c>.parquet</c> as Parquet. Throws NotFound for a missing file and InvalidInput for another extension
    /// or a malformed header.
    /// </summary>
    public static async Task<IRecordReader> OpenAsync(string path, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new ReadOptions();
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (DelimitedExtensions.Contains(extension))
        {
            return await CsvRecordReader.OpenAsync(path, options, cancellationToken);
        }

        if (extension == ".parquet")
        {
            return await ParquetRecordReader.OpenAsync(path, options, cancellationToken);
        }

        throw GyreException.InvalidInput(
            $"{path}: unsupported file type '{extension}'; Gyre reads .csv, .tsv, .txt (delimited text) and .parquet files.");
    }

    internal static void ThrowIfMissing(string path)
    {
        if (!File.Exists(path))
        {
            throw GyreException.NotFound(Directory.Exists(path)
                ? $"{path} is a directory, not a data file."
                : $"Data file '{path}' does not exist.");
        }
    }
}
