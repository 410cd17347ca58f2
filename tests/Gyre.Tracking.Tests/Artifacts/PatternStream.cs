namespace Gyre.Tracking.Tests.Artifacts;

/// <summary>
/// A read-only, non-seekable stream of <c>length</c> deterministic pseudo-random bytes (byte i depends
/// only on i and the seed), optionally throwing an <see cref="IOException"/> once <c>failAfter</c> bytes
/// have been read: a stand-in for a network upload whose length is unknown up front. Not thread-safe.
/// </summary>
public sealed class PatternStream(long length, int seed, long failAfter = long.MaxValue) : Stream
{
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The whole content of a stream with this length and seed.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = At(i, seed);
        }

        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position >= failAfter)
        {
            throw new IOException($"Simulated read failure after {failAfter} bytes.");
        }

        var count = (int)Math.Min(Math.Min(buffer.Length, length - position), failAfter - position);
        for (var i = 0; i < count; i++)
        {
            buffer[i] = At(position + i, seed);
        }

        position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte At(long index, int seed) => (byte)((ulong)(index + seed) * 2654435761UL >> 13);
}
