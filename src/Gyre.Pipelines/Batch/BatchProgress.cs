namespace Gyre.Pipelines.Batch;

/// <summary>How far a batch job is: rows handled so far and input bytes consumed (of <see cref="TotalBytes"/>; 0 when unknown).</summary>
public sealed record BatchProgress(long RowsRead, long RowsScored, long RowsRejected, long BytesDone, long TotalBytes, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsRead / Elapsed.TotalSeconds : 0;
}
