using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gyre.Data.Tables;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Models;
using Gyre.Serving.Protocols;
using Gyre.Training.Packaging;
using Microsoft.AspNetCore.Http;

namespace Gyre.Serving.Hosting;

/// <summary>Health, readiness and metadata routes of the Open Inference Protocol (and KServe's model list).</summary>
public sealed class MetadataApi(ServingState state)
{
    /// <summary>The platform string in model metadata for native ML.NET packages.</summary>
    public const string Platform = "mlnet_zip";

    /// <summary>The platform string for imported ONNX graphs (KServe's and Triton's name for ONNX Runtime models).</summary>
    public const string OnnxPlatform = "onnxruntime_onnx";

    private static readonly string ServerVersion =
        typeof(MetadataApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Task LiveAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status200OK, new LiveResponse(true), ServingJsonContext.Default.LiveResponse);

    public Task ReadyAsync(HttpContext context)
    {
        var ready = state.IsReady;
        return WriteAsync(context, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, new ReadyResponse(ready), ServingJsonContext.Default.ReadyResponse);
    }

    public static Task ServerMetadataAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status200OK, new ServerMetadataResponse("gyre", ServerVersion, []), ServingJsonContext.Default.ServerMetadataResponse);

    public Task ListAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status200OK, new ModelListResponse([.. state.Ordered.Select(e => e.Name)]), ServingJsonContext.Default.ModelListResponse);

    public Task ModelReadyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Resolve(context, out var endpoint, out var model) is { } failure)
        {
            return failure;
        }

        var ready = state.IsReady && model is not null;
        return WriteAsync(context, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, new ModelReadyResponse(endpoint!.Name, ready), ServingJsonContext.Default.ModelReadyResponse);
    }

    public Task ModelMetadataAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Resolve(context, out var endpoint, out var model) is { } failure)
        {
            return failure;
        }

        if (model is null)
        {
            return SendErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"Model '{endpoint!.Name}' is not ready.");
        }

        var route = endpoint!.Route!;
        var versions = route.Canary is { } canary && canary.VersionText != route.Primary.VersionText
            ? new[] { route.Primary.VersionText, canary.VersionText }
            : [route.Primary.VersionText];
        return WriteAsync(context, StatusCodes.Status200OK, Describe(endpoint.Name, model, versions), ServingJsonContext.Default.ModelMetadataResponse);
    }

    /// <summary>The metadata of <paramref name="model"/>: one input per field (shape [-1]) and its outputs.</summary>
    public static ModelMetadataResponse Describe(string name, ServedModel model, IReadOnlyList<string> versions)
    {
        ArgumentNullException.ThrowIfNull(model);
        var inputs = model.Fields.Signature.Select(c => new MetadataTensor(c.Name, c.Type switch
        {
            ColumnType.Numeric => "FP64",
            ColumnType.Boolean => "BOOL",
            _ => "BYTES",
        }, [-1])).ToList();
        var outputs = new List<MetadataTensor>();
        var available = OipRequestReader.OutputsOf(model.Task);
        if ((available & OipOutputs.PredictedLabel) != 0)
        {
            outputs.Add(new MetadataTensor("predicted_label", "BYTES", [-1]));
        }

        if ((available & OipOutputs.Probability) != 0)
        {
            outputs.Add(new MetadataTensor("probability", "FP64", [-1]));
        }

        if ((available & OipOutputs.ClassProbabilities) != 0)
        {
            outputs.Add(new MetadataTensor("class_probabilities", "FP64", [-1, model.ClassNames.Count]));
        }

        if ((available & OipOutputs.Prediction) != 0)
        {
            outputs.Add(new MetadataTensor("prediction", "FP64", [-1]));
        }

        var platform = model.Package.Manifest.Flavor == PackageManifest.OnnxFlavor ? OnnxPlatform : Platform;
        return new ModelMetadataResponse(name, versions, platform, inputs, outputs);
    }

    /// <summary>Writes <paramref name="value"/> as JSON with <paramref name="status"/>.</summary>
    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    public static Task SendErrorAsync(HttpContext context, int status, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JsonResponse.SendErrorAsync(context.Response, status, message).AsTask();
    }

    /// <summary>The endpoint and (when its route is loaded) the model the route values name; a failure task for unknown names or versions.</summary>
    private Task? Resolve(HttpContext context, out ModelEndpoint? endpoint, out ServedModel? model)
    {
        var name = context.Request.RouteValues["name"] as string;
        endpoint = state.Find(name);
        model = null;
        if (endpoint is null)
        {
            return SendErrorAsync(context, StatusCodes.Status404NotFound, $"Model '{JsonRows.Truncate(name ?? "")}' does not exist; this server serves {string.Join(", ", state.Ordered.Select(e => e.Name))}.");
        }

        var route = endpoint.Route;
        if (route is null)
        {
            return null;
        }

        if (context.Request.RouteValues["version"] is string version)
        {
            model = route.FindVersion(version);
            return model is null
                ? SendErrorAsync(context, StatusCodes.Status404NotFound, $"Version '{JsonRows.Truncate(version)}' of model '{endpoint.Name}' is not served; serving version {route.Primary.VersionText}.")
                : null;
        }

        model = route.Primary;
        return null;
    }
}
