using System.Text;

namespace Gyre.Data.Files;

/// <summary>
/// Writes files so that readers see either the previous file or the whole new one: content goes to a temp
/// file in the target's folder (same file system, so the final move is atomic), which replaces the target
/// only when writing succeeded; on failure or cancellation the temp file is deleted and the target is untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark, the encoding of every text file Gyre writes.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(false);

    /// <summary>A unique temp path beside <paramref name="fullPath"/>; creates the folder.</summary>
    public static string TempPathFor(string fullPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        return fullPath + $".{Guid.NewGuid():N}.tmp";
    }

    /// <summary>Writes text (UTF-8, LF as given) atomically.</summary>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAsync(path, writer => writer.WriteAsync(text.AsMemory(), cancellationToken), cancellationToken);

    /// <summary>Writes bytes atomically.</summary>
    public static async Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(bytes);
        var full = Path.GetFullPath(path);
        var temp = TempPathFor(full);
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Lets <paramref name="write"/> fill a buffered UTF-8 writer (LF line ends), then moves the file into place.</summary>
    public static async Task WriteAsync(string path, Func<StreamWriter, Task> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temp = TempPathFor(full);
        try
        {
            await using (var writer = new StreamWriter(temp, false, Utf8, 1 << 16) { NewLine = "\n" })
            {
                await write(writer);
                await writer.FlushAsync(cancellationToken);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
