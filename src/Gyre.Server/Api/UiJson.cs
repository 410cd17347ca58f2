using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gyre.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Gyre.Server.Api;

/// <summary>
/// JSON of the web UI routes: snake_case properties, dictionary keys as given, enums as snake_case strings, NaN and
/// ±Infinity as the strings "NaN", "Infinity", "-Infinity" (as <c>gyre ... --json</c> prints them).
/// </summary>
internal static class UiJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes <paramref name="value"/> as a 200 <c>application/json</c> answer.</summary>
    public static async Task WriteAsync<T>(HttpContext context, T value)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ApiResponses.JsonContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, value, Options, context.RequestAborted);
    }
}
