using Microsoft.AspNetCore.Http;

namespace Gyre.Serving.Protocols;

/// <summary>
/// A request the caller got wrong: answered with <see cref="StatusCode"/> (400 unless said otherwise) and
/// <c>{"error": message}</c>, where the message names the field at fault. Never a server fault.
/// </summary>
public sealed class BadRequestException : Exception
{
    public BadRequestException(string message, int statusCode = StatusCodes.Status400BadRequest)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public BadRequestException()
    {
    }

    public BadRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;
}
