using Gyre.Core;
using Gyre.Tracking.Protocol;
using Microsoft.AspNetCore.Http;

namespace Gyre.Server.Http;

/// <summary>
/// The outermost middleware: turns every exception into MLflow's error JSON. <see cref="GyreException"/>s
/// map through <see cref="MlflowErrorCodes"/> (their messages are written for users); malformed HTTP requests
/// are 4xx BAD_REQUEST; a client that went away gets nothing; anything else is 500 INTERNAL_ERROR with a
/// generic message, the details (stack trace) going only to the error log. Never leaks stack traces.
/// </summary>
internal sealed class ErrorHandling(RequestDelegate next, TextWriter? errorLog)
{
    private readonly TextWriter? log = errorLog is null ? null : TextWriter.Synchronized(errorLog);

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected: there is nobody to answer.
        }
        catch (GyreException error)
        {
            await AnswerAsync(context, () => ApiResponses.WriteErrorAsync(context, MlflowErrorCodes.ToResponse(error)));
            if (MlflowErrorCodes.HttpStatus(MlflowErrorCodes.FromKind(error.Kind)) >= 500)
            {
                Log(context, error);
            }
        }
        catch (BadHttpRequestException error)
        {
            await AnswerAsync(context, () => ApiResponses.WriteErrorAsync(context, MlflowErrorCodes.BadRequest, $"Bad request: {error.Message}", error.StatusCode));
        }
        catch (Exception error)
        {
            Log(context, error);
            await AnswerAsync(context, () => ApiResponses.WriteErrorAsync(
                context,
                MlflowErrorCodes.InternalError,
                "An unexpected error occurred in the tracking server; its administrator can find the details in the server's log."));
        }
    }

    private static async Task AnswerAsync(HttpContext context, Func<Task> write)
    {
        if (context.Response.HasStarted)
        {
            // Part of a body is out already (a download failing midway): cut the connection so the client sees a failure.
            context.Abort();
            return;
        }

        context.Response.Clear();
        await write();
    }

    private void Log(HttpContext context, Exception error) =>
        log?.WriteLine($"{DateTimeOffset.UtcNow:O} {context.Request.Method} {context.Request.Path}: {error}");
}
