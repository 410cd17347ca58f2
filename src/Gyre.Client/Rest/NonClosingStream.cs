namespace Gyre.Client.Rest;

/// <summary>
/// A read-only view of the caller's upload stream that leaves it open on dispose, so an HTTP request
/// (which disposes its content) can send it, and send it again after seeking back; and that remembers
/// the exception the caller's stream threw, so the caller gets that rather than a transport error.
/// </summary>
internal sealed class NonClosingStream(Stream inner) : Stream
{
    /// <summary>The first exception a read of the caller's stream threw, or null.</summary>
    public Exception? SourceError { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception error) when (Remember(error))
        {
            throw;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (Remember(error))
        {
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Records the error (always false: an exception filter that never catches).</summary>
    private bool Remember(Exception error)
    {
        if (error is not OperationCanceledException)
        {
            SourceError ??= error;
        }

        return false;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
