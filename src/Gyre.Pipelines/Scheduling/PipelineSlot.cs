using System.Security.Cryptography;
using System.Text;

namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// One of a pipeline's <see cref="Definitions.PipelineDefinition.Concurrency"/> run slots: an exclusive lock on
/// <c>FOLDER/PIPELINE.N.lock</c>, held by the process running the pipeline until disposed. The operating system
/// drops the lock when the process dies, so a killed run never keeps its slot. Manual runs and schedulers on the
/// same workspace share the slots.
/// </summary>
public sealed class PipelineSlot : IDisposable
{
    private readonly FileStream _lock;

    private PipelineSlot(FileStream handle, int index)
    {
        _lock = handle;
        Index = index;
    }

    /// <summary>Which slot (0 .. concurrency − 1).</summary>
    public int Index { get; }

    /// <summary>A free slot of <paramref name="pipeline"/>, or null when all <paramref name="concurrency"/> are taken.</summary>
    public static PipelineSlot? TryAcquire(string folder, string pipeline, int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        Directory.CreateDirectory(folder);
        for (var i = 0; i < concurrency; i++)
        {
            try
            {
                var handle = new FileStream(Path.Combine(folder, $"{FileStem(pipeline)}.{i}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new PipelineSlot(handle, i);
            }
            catch (IOException)
            {
                // Taken by another run (this process or another): try the next slot.
            }
        }

        return null;
    }

    /// <summary>Waits for a free slot, polling every <paramref name="poll"/>; <paramref name="onWait"/> hears once that it waits.</summary>
    public static async Task<PipelineSlot> AcquireAsync(string folder, string pipeline, int concurrency, Action? onWait, TimeSpan poll, CancellationToken cancellationToken)
    {
        var told = false;
        while (true)
        {
            if (TryAcquire(folder, pipeline, concurrency) is { } slot)
            {
                return slot;
            }

            if (!told)
            {
                onWait?.Invoke();
                told = true;
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    /// <summary>A file name for <paramref name="pipeline"/>: its safe characters plus a short hash (names may hold anything).</summary>
    internal static string FileStem(string pipeline)
    {
        var safe = new string([.. pipeline.Take(40).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return $"{safe}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pipeline)), 0, 4)}";
    }

    public void Dispose() => _lock.Dispose();
}
