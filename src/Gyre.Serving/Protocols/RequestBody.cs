using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Gyre.Serving.Protocols;

/// <summary>
/// A request body read whole into a pooled buffer (parsers need it contiguous), refused with 413 past the limit
/// before or while reading. Give the buffer back with <see cref="Dispose"/>.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Reads the body; <see cref="BadRequestException"/> with 413 when it is over <paramref name="limit"/> bytes.</summary>
    public static async ValueTask<RequestBody> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var declared = request.ContentLength;
        if (declared > limit)
        {
            throw TooLarge(limit);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(declared is { } size ? Math.Max((int)size, 1) : 4096);
        var length = 0;
        try
        {
            var body = request.Body;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= limit + 1)
                    {
                        throw TooLarge(limit);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length == declared)
                {
                    break;
                }

                if (length > limit)
                {
                    throw TooLarge(limit);
                }
            }

            return new RequestBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>A copy of the body in a buffer of its own (for work after the response, e.g. shadow scoring).</summary>
    public RequestBody Copy()
    {
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(Length, 1));
        Span.CopyTo(copy);
        return new RequestBody(copy, Length);
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static BadRequestException TooLarge(int limit) =>
        new($"The request body is over the limit of {limit} bytes (--max-request-bytes).", StatusCodes.Status413PayloadTooLarge);
}
