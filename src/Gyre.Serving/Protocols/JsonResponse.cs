using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gyre.Serving.Protocols;

/// <summary>
/// Writes JSON responses through a per-thread reusable buffer and <see cref="Utf8JsonWriter"/>: the body is built
/// synchronously (<see cref="Begin"/> … <see cref="SendAsync"/>), copied into the response pipe with its
/// Content-Length, and only then awaited, so the buffer is free again before the thread can run another request.
/// </summary>
public static class JsonResponse
{
    private const int MaxRetainedBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>A writer over this thread's emptied buffer; finish with <see cref="SendAsync"/> before any await.</summary>
    public static Utf8JsonWriter Begin()
    {
        var buffer = t_buffer;
        if (buffer is null || buffer.Capacity > MaxRetainedBytes)
        {
            buffer = t_buffer = new ArrayBufferWriter<byte>(1024);
        }
        else
        {
            buffer.ResetWrittenCount();
        }

        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.Reset(buffer);
        return writer;
    }

    /// <summary>Sends what was written since <see cref="Begin"/> with <paramref name="statusCode"/>.</summary>
    public static ValueTask<System.IO.Pipelines.FlushResult> SendAsync(HttpResponse response, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(response);
        t_writer!.Flush();
        var written = t_buffer!.WrittenSpan;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.ContentLength = written.Length;
        response.BodyWriter.Write(written);
        t_buffer.ResetWrittenCount();
        return response.BodyWriter.FlushAsync();
    }

    /// <summary>Sends <c>{"error": message}</c> with <paramref name="statusCode"/>.</summary>
    public static ValueTask<System.IO.Pipelines.FlushResult> SendErrorAsync(HttpResponse response, int statusCode, string message)
    {
        var writer = Begin();
        writer.WriteStartObject();
        writer.WriteString("error"u8, message);
        writer.WriteEndObject();
        return SendAsync(response, statusCode);
    }
}
