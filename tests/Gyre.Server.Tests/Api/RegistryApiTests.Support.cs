using System.Net;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

/// <summary>Requests shared by the registry tests: unique model names, model and version creation.</summary>
public abstract partial class RegistryApiContract
{
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    private static readonly HttpMethod Delete = HttpMethod.Delete;

    private static string NewName(string prefix = "model") => $"{prefix}-{Guid.NewGuid():N}";

    private static async Task<string> CreateModelAsync(MlflowHttp client, string? name = null)
    {
        name ??= NewName();
        (await client.PostAsync("registered-models/create", new { name })).AssertOk();
        return name;
    }

    /// <summary>Registers a version of <paramref name="name"/> and returns its version number as sent on the wire ("1").</summary>
    private static async Task<string> CreateVersionAsync(MlflowHttp client, string name, string source = "mlflow-artifacts:/0/abc/artifacts/model", string? runId = null)
    {
        var result = await client.PostAsync("model-versions/create", new { name, source, run_id = runId });
        result.AssertOk();
        return result.Json["model_version"]!["version"]!.GetValue<string>();
    }

    private static async Task<Support.ApiResult> GetVersionAsync(MlflowHttp client, string name, string version) =>
        await client.GetAsync($"model-versions/get?name={Uri.EscapeDataString(name)}&version={version}");

    private static string Stage(Support.ApiResult result) => result.Json["model_version"]!["current_stage"]!.GetValue<string>();

    private static void AssertNotFound(Support.ApiResult result) => result.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");

    private static void AssertInvalid(Support.ApiResult result) => result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
}
