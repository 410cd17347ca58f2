using System.Text.Json;
using Gyre.Monitoring.InferenceLog;
using Gyre.Serving.Protocols;
using Microsoft.AspNetCore.Http;

namespace Gyre.Serving.Hosting;

/// <summary>
/// <c>POST /v2/models/{name}/feedback</c>: ground-truth labels for earlier requests, <c>{"request_id": "...", "label": ...}</c>
/// or a list of them, stored through <see cref="IInferenceLogStore.AppendFeedbackAsync"/>. The label is any JSON
/// value (a class name or a number), kept as JSON text.
/// </summary>
public sealed class FeedbackApi(ServingState state, IInferenceLogStore? store, int maxRequestBytes, TimeProvider time)
{
    public async Task PostAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Request.RouteValues["name"] as string;
        var endpoint = state.Find(name);
        if (endpoint is null)
        {
            await MetadataApi.SendErrorAsync(context, StatusCodes.Status404NotFound, $"Model '{JsonRows.Truncate(name ?? "")}' does not exist.");
            return;
        }

        if (store is null)
        {
            await MetadataApi.SendErrorAsync(context, StatusCodes.Status501NotImplemented, "This server keeps no inference log, so it takes no feedback.");
            return;
        }

        List<InferenceFeedback> feedback;
        try
        {
            using var body = await RequestBody.ReadAsync(context.Request, maxRequestBytes, context.RequestAborted);
            feedback = Parse(body.Memory, endpoint.Name, time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        catch (BadRequestException error)
        {
            await MetadataApi.SendErrorAsync(context, error.StatusCode, error.Message);
            return;
        }
        catch (InvalidOperationException error)
        {
            // Invalid UTF-8 in a string surfaces when it is decoded.
            await MetadataApi.SendErrorAsync(context, StatusCodes.Status400BadRequest, $"The body is not valid UTF-8 JSON text: {error.Message}");
            return;
        }
        catch (JsonException error)
        {
            await MetadataApi.SendErrorAsync(context, StatusCodes.Status400BadRequest, $"Malformed JSON: {error.Message}");
            return;
        }

        await store.AppendFeedbackAsync(feedback, context.RequestAborted);
        await MetadataApi.WriteAsync(context, StatusCodes.Status200OK, new FeedbackResponse(feedback.Count), ServingJsonContext.Default.FeedbackResponse);
    }

    /// <summary>The feedback items of a body: one object or a non-empty list of them.</summary>
    public static List<InferenceFeedback> Parse(ReadOnlyMemory<byte> body, string endpoint, long time)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : new List<JsonElement> { root };
        if (items.Count == 0)
        {
            throw new BadRequestException("The feedback list is empty.");
        }

        var feedback = new List<InferenceFeedback>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var where = items.Count == 1 ? "" : $" (item {i})";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException($"Feedback{where} must be an object with request_id and label.");
            }

            if (!item.TryGetProperty("request_id", out var id) || id.ValueKind != JsonValueKind.String || !RequestIds.IsAcceptable(id.GetString()))
            {
                throw new BadRequestException($"Feedback{where} needs 'request_id': the id a prediction returned.");
            }

            if (!item.TryGetProperty("label", out var label) || label.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                throw new BadRequestException($"Feedback{where} needs 'label': the true class (a string) or value (a number).");
            }

            feedback.Add(new InferenceFeedback(endpoint, id.GetString()!, label.GetRawText(), time));
        }

        return feedback;
    }
}
