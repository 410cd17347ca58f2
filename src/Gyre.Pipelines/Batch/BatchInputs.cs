using Gyre.Core;
using Gyre.Data.Reading;

namespace Gyre.Pipelines.Batch;

/// <summary>The files a batch job reads: the one file given, or the data files directly inside the folder given.</summary>
public static class BatchInputs
{
    /// <summary>
    /// <paramref name="input"/> itself when it is a file; for a folder, its .csv, .tsv, .txt and .parquet files in
    /// ordinal name order (not recursive). Throws NotFound for a missing path and InvalidInput for a folder without data files.
    /// </summary>
    public static IReadOnlyList<string> Resolve(string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        if (File.Exists(input))
        {
            return [input];
        }

        if (!Directory.Exists(input))
        {
            throw GyreException.NotFound($"--input '{input}' is neither a file nor a folder.");
        }

        var files = Directory.EnumerateFiles(input)
            .Where(f => IsDataFile(f))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? files
            : throw GyreException.InvalidInput($"--input folder '{input}' holds no data file (.csv, .tsv, .txt or .parquet).");
    }

    private static bool IsDataFile(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension == ".parquet" || DataFile.DelimitedExtensions.Contains(extension);
    }
}
