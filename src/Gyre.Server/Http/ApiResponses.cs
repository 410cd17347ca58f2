using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Microsoft.AspNetCore.Http;

namespace Gyre.Server.Http;

/// <summary>Writes MLflow-dialect JSON answers (<see cref="MlflowJson"/>).</summary>
internal static class ApiResponses
{
    public const string JsonContentType = "application/json";

    /// <summary>Writes <paramref name="message"/> as the whole response with <paramref name="status"/>.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int status, object message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        await MlflowJson.SerializeAsync(context.Response.Body, message, context.RequestAborted);
    }

    /// <summary>Writes an MLflow error body with the status MLflow sends for <paramref name="errorCode"/> (or <paramref name="status"/> when given).</summary>
    public static Task WriteErrorAsync(HttpContext context, string errorCode, string message, int? status = null) =>
        WriteErrorAsync(context, new ErrorResponse(errorCode, message), status);

    /// <summary>Writes <paramref name="error"/> with the status MLflow sends for its code (or <paramref name="status"/> when given).</summary>
    public static Task WriteErrorAsync(HttpContext context, ErrorResponse error, int? status = null) =>
        WriteJsonAsync(context, status ?? MlflowErrorCodes.HttpStatus(error.ErrorCode), error);
}
