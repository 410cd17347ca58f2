using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Server.Tests.Support;

/// <summary>Raw HTTP calls to a tracking server's MLflow routes, keeping status, headers and body for exact assertions.</summary>
public sealed class MlflowHttp : IDisposable
{
    public const string Api = "/api/2.0/mlflow/";

    private readonly HttpClient client;

    public MlflowHttp(Uri baseAddress, string? bearerToken = null)
    {
        client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

    public HttpClient Http => client;

    /// <summary>POSTs <paramref name="body"/> (serialized as given: use snake_case names) to <c>/api/2.0/mlflow/{rpc}</c>.</summary>
    public Task<ApiResult> PostAsync(string rpc, object body, string prefix = Api) =>
        PostRawAsync(rpc, JsonSerializer.Serialize(body), "application/json", prefix);

    public async Task<ApiResult> PostRawAsync(string rpc, string body, string? contentType, string prefix = Api)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync(prefix + rpc, content, TestContext.Current.CancellationToken);
        return await ApiResult.ReadAsync(response);
    }

    /// <summary>Sends <paramref name="body"/> as JSON with any method (registry RPCs use PATCH and DELETE with bodies).</summary>
    public Task<ApiResult> SendJsonAsync(HttpMethod method, string rpc, object body, string prefix = Api) =>
        SendAsync(method, prefix + rpc, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    /// <summary>GETs <c>/api/2.0/mlflow/{rpcAndQuery}</c>.</summary>
    public Task<ApiResult> GetAsync(string rpcAndQuery, string prefix = Api) => SendAsync(HttpMethod.Get, prefix + rpcAndQuery);

    public async Task<ApiResult> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await ApiResult.ReadAsync(response);
    }

    /// <summary>Sends a request whose target is used byte for byte (no URI canonicalisation: '..' and '%2e' stay).</summary>
    public async Task<ApiResult> SendRawTargetAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null)
    {
        var uri = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await ApiResult.ReadAsync(response);
    }

    public async Task<string> CreateExperimentAsync(string? name = null)
    {
        var result = await PostAsync("experiments/create", new { name = name ?? "exp-" + Guid.NewGuid().ToString("N") });
        result.AssertOk();
        return result.Json["experiment_id"]!.GetValue<string>();
    }

    public async Task<string> CreateRunAsync(string experimentId, string? runName = null)
    {
        var result = await PostAsync("runs/create", new { experiment_id = experimentId, run_name = runName, start_time = 1_700_000_000_000L });
        result.AssertOk();
        return result.Json["run"]!["info"]!["run_id"]!.GetValue<string>();
    }

    public async Task<JsonNode> GetRunAsync(string runId)
    {
        var result = await GetAsync($"runs/get?run_id={runId}");
        result.AssertOk();
        return result.Json["run"]!;
    }

    public void Dispose() => client.Dispose();
}

/// <summary>One answer: status, content type, headers and body text.</summary>
public sealed record ApiResult(HttpStatusCode Status, string? ContentType, HttpResponseMessage Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new JsonException("The body is the JSON literal null.");

    public static async Task<ApiResult> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ApiResult(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response, body);
    }

    public void AssertOk()
    {
        if (Status != HttpStatusCode.OK)
        {
            Assert.Fail($"Expected 200, got {(int)Status}: {Body}");
        }
    }

    /// <summary>Asserts an MLflow error answer: status, application/json, error_code; returns the message.</summary>
    public string AssertError(HttpStatusCode status, string errorCode)
    {
        Assert.True(Status == status, $"Expected {(int)status} {errorCode}, got {(int)Status}: {Body}");
        Assert.Equal("application/json", ContentType);
        Assert.Equal(errorCode, Json["error_code"]!.GetValue<string>());
        return Json["message"]!.GetValue<string>();
    }

    /// <summary>The names of an object's properties, in order.</summary>
    public static IReadOnlyList<string> Keys(JsonNode? node) => node is JsonObject o ? [.. o.Select(p => p.Key)] : [];
}
