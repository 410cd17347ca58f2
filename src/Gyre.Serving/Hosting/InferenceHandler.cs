using System.Diagnostics;
using System.Text.Json;
using Gyre.Serving.Endpoints;
using Gyre.Serving.InferenceLogging;
using Gyre.Serving.Models;
using Gyre.Serving.Protocols;
using Gyre.Serving.Telemetry;
using Gyre.Serving.Traffic;
using Gyre.Training.Scoring;
using Microsoft.AspNetCore.Http;

namespace Gyre.Serving.Hosting;

/// <summary>
/// The hot path shared by every protocol: find the endpoint, take its route snapshot once, pick the answering model
/// (canary by weight), read the body, parse it into pooled rows, check each row against the signature, score,
/// answer, then (off the response) log a sample and hand a copy to the shadow. Bad input of any kind is a 4xx
/// naming the field; a 5xx means a server fault. Thread-safe.
/// </summary>
public sealed class InferenceHandler(ServingState state, ServingMetrics metrics, int maxRequestBytes, ShadowScorer? shadow, IInferenceLogSink? log, TextWriter errors)
{
    private const string RequestIdHeader = "X-Request-Id";

    /// <summary>Handles one inference request for endpoint <paramref name="name"/> (null: the first endpoint) and, when given, model <paramref name="version"/>.</summary>
    public async Task HandleAsync(HttpContext context, ServingProtocol protocol, string? name, string? version)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = Stopwatch.GetTimestamp();
        metrics.InFlight.Inc();
        ServedModel? model = null;
        var status = StatusCodes.Status200OK;
        var headerId = context.Request.Headers[RequestIdHeader].ToString();
        var requestId = RequestIds.IsAcceptable(headerId) ? headerId : null;
        try
        {
            if (!state.IsReady)
            {
                context.Response.Headers.RetryAfter = "1";
                throw new BadRequestException("The server is not ready: models are loading or the server is shutting down.", StatusCodes.Status503ServiceUnavailable);
            }

            var endpoint = (name is null ? state.Ordered[0] : state.Find(name))
                ?? throw new BadRequestException($"Model '{JsonRows.Truncate(name!)}' does not exist; this server serves {string.Join(", ", state.Ordered.Select(e => e.Name))}.", StatusCodes.Status404NotFound);
            var route = endpoint.Route
                ?? throw new BadRequestException($"Model '{endpoint.Name}' is not ready.", StatusCodes.Status503ServiceUnavailable);
            model = version is null
                ? route.Choose()
                : route.FindVersion(version) ?? throw new BadRequestException(
                    $"Version '{JsonRows.Truncate(version)}' of model '{endpoint.Name}' is not served; serving version {route.Primary.VersionText}{(route.Canary is { } c ? " and " + c.VersionText : "")}.",
                    StatusCodes.Status404NotFound);

            using var body = await RequestBody.ReadAsync(context.Request, maxRequestBytes, context.RequestAborted);
            await AnswerAsync(context, protocol, endpoint, route, model, body, requestId);
        }
        catch (BadRequestException error)
        {
            status = error.StatusCode;
            await SendErrorAsync(context, status, error.Message, requestId);
        }
        catch (JsonException error)
        {
            status = StatusCodes.Status400BadRequest;
            await SendErrorAsync(context, status, $"Malformed JSON: {error.Message}", requestId);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException error)
        {
            status = error.StatusCode;
            await SendErrorAsync(context, status, error.Message, requestId);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = 499;
        }
#pragma warning disable CA1031 // The server's own fault: answered with a 500 and reported, never a crashed connection.
        catch (Exception error)
#pragma warning restore CA1031
        {
            status = StatusCodes.Status500InternalServerError;
            await errors.WriteLineAsync($"gyre serve: internal error on {context.Request.Path}: {error}");
            await SendErrorAsync(context, status, $"Inference failed: {error.Message}", requestId);
        }
        finally
        {
            metrics.InFlight.Dec();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (model is not null)
            {
                model.Metrics.Record(protocol, status, seconds);
            }
            else
            {
                // Only served endpoint names become label values: a caller's arbitrary name must not grow the series.
                var label = name is null ? state.Ordered[0].Name : state.Find(name)?.Name ?? "";
                metrics.Requests.WithLabels(label, "", "", ServingMetrics.Label(protocol), status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            }
        }
    }

    private async Task AnswerAsync(HttpContext context, ServingProtocol protocol, ModelEndpoint endpoint, EndpointRoute route, ServedModel model, RequestBody body, string? requestId)
    {
        var time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var rows = new RowSet(model);
        var isArray = false;
        string? oipId = null;
        var outputs = OipOutputs.None;
        try
        {
            switch (protocol)
            {
                case ServingProtocol.Predict:
                    isArray = PredictRequestReader.Read(body.Span, rows);
                    break;
                case ServingProtocol.OpenInference:
                    outputs = OipRequestReader.Read(body.Span, rows, out oipId);
                    break;
                default:
                    InvocationsRequestReader.Read(body.Span, rows);
                    break;
            }
        }
        catch (InvalidOperationException error)
        {
            // Utf8JsonReader validates a string's UTF-8 only when it is decoded (GetString): invalid text surfaces here.
            throw new BadRequestException($"The body is not valid UTF-8 JSON text: {error.Message}");
        }

        requestId ??= RequestIds.IsAcceptable(oipId) ? oipId : RequestIds.Next();
        var policy = endpoint.Spec.UnknownCategories;
        for (var i = 0; i < rows.Count; i++)
        {
            if (model.Scorer.Check(rows[i], policy) is { } violation)
            {
                throw new BadRequestException(rows.Count == 1 ? violation.Message : $"Row {i}: {violation.Message}");
            }
        }

        var scoreStart = Stopwatch.GetTimestamp();
        RowPrediction[] predictions = rows.Count > 1 ? [.. model.Scorer.ScoreBatch(rows.Rows)]
            : model.Batcher is { } batcher ? [await batcher.ScoreAsync(rows[0])]
            : [model.Scorer.Score(rows[0])];

        var latencyMs = Stopwatch.GetElapsedTime(scoreStart).TotalMilliseconds / rows.Count;
        var writer = JsonResponse.Begin();
        switch (protocol)
        {
            case ServingProtocol.Predict:
                PredictionWriter.WritePredict(writer, model, predictions, isArray, requestId);
                break;
            case ServingProtocol.OpenInference:
                PredictionWriter.WriteOpenInference(writer, model, predictions, outputs, oipId ?? requestId);
                break;
            default:
                PredictionWriter.WriteInvocations(writer, model, predictions);
                break;
        }

        context.Response.Headers[RequestIdHeader] = requestId;
        var flush = JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK);

        // After the response is in the pipe: sampling, logging and the shadow copy cost the caller nothing more than this.
        if (log is not null && endpoint.LogSampler.ShouldLog(requestId))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                log.TryWrite(InferenceRecords.Create(model, requestId, i, rows.Count, time, rows[i], predictions[i], latencyMs));
            }
        }

        if (shadow is not null && route.Shadow is { } shadowModel)
        {
            shadow.TryEnqueue(new ShadowWork(endpoint, shadowModel, protocol, body.Copy(), requestId, time));
        }

        await flush;
    }

    private static async Task SendErrorAsync(HttpContext context, int status, string message, string? requestId)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        if (requestId is not null)
        {
            context.Response.Headers[RequestIdHeader] = requestId;
        }

        await JsonResponse.SendErrorAsync(context.Response, status, message);
    }
}
