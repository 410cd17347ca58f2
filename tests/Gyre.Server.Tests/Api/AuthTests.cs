using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gyre.Server.Api;
using Gyre.Server.Tests.Support;
using Gyre.Tracking.Access;

namespace Gyre.Server.Tests.Api;

/// <summary>
/// <c>--auth</c>: every write route of <see cref="ApiRoutes.All"/> (enumerated, so a new route cannot slip through)
/// answers 401 without a token, 403 with a read token and succeeds with a write token; read routes accept read tokens.
/// </summary>
public sealed class AuthTests(AuthServerFixture fixture) : IClassFixture<AuthServerFixture>
{
    public static TheoryData<string, string> WriteRoutes => Routes(ApiTokenRole.Write);

    public static TheoryData<string, string> ReadRoutes => Routes(ApiTokenRole.Read);

    [Fact]
    public void RouteTable_DeclaresEveryNonGetTrackingRouteAsWriteExceptSearches()
    {
        var misdeclared = ApiRoutes.All
            .Where(r => r.Method != "GET" && r.Role != ApiTokenRole.Write && !r.Pattern.EndsWith("/search", StringComparison.Ordinal)
                && !r.Pattern.EndsWith("/registered-models/get-latest-versions", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Pattern}")
            .ToList();

        Assert.Empty(misdeclared);
        Assert.All(ApiRoutes.All.Where(r => r.Method == "GET"), r => Assert.Equal(ApiTokenRole.Read, r.Role));
        Assert.Equal(["/health"], ApiRoutes.All.Where(r => r.AllowAnonymous).Select(r => r.Pattern));
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task WriteRoute_NeedsAWriteToken(string method, string pattern)
    {
        using var writer = fixture.Client(fixture.WriteToken);
        var request = await PrepareWriteAsync(method, pattern, writer);

        var anonymous = await SendAsync(fixture.Client(), request);
        var wrongToken = await SendAsync(fixture.Client("not-a-token"), request);
        var reader = await SendAsync(fixture.Client(fixture.ReadToken), request);
        var written = await SendAsync(writer, request);

        AssertUnauthenticated(anonymous);
        AssertUnauthenticated(wrongToken);
        reader.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        written.AssertOk();
    }

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task ReadRoute_NeedsAReadToken(string method, string pattern)
    {
        using var writer = fixture.Client(fixture.WriteToken);
        var request = pattern == UiApi.Prefix + "study"
            ? new Request(method, $"{pattern}?name={await CreateStudyAsync()}", null, null)
            : await PrepareReadAsync(method, pattern, writer);

        var anonymous = await SendAsync(fixture.Client(), request);
        var reader = await SendAsync(fixture.Client(fixture.ReadToken), request);

        if (pattern == "/health")
        {
            anonymous.AssertOk();
        }
        else
        {
            AssertUnauthenticated(anonymous);
        }

        reader.AssertOk();
    }

    [Fact]
    public async Task RevokedToken_Is401()
    {
        using var client = fixture.Client(fixture.RevokedToken);

        var result = await client.GetAsync("experiments/get?experiment_id=0");

        AssertUnauthenticated(result);
        Assert.Contains("revoked", result.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BasicAuth_WithTheTokenAsPassword_IsAccepted()
    {
        using var client = fixture.Client();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + fixture.WriteToken)));

        var result = await client.PostAsync("experiments/create", new { name = "basic-" + Guid.NewGuid().ToString("N") });

        result.AssertOk();
    }

    [Fact]
    public async Task AdminToken_MayWrite()
    {
        using var client = fixture.Client(fixture.AdminToken);

        var result = await client.PostAsync("experiments/create", new { name = "admin-" + Guid.NewGuid().ToString("N") });

        result.AssertOk();
    }

    [Fact]
    public async Task RefusedCreate_CreatesNothing()
    {
        var name = "refused-" + Guid.NewGuid().ToString("N");
        using var reader = fixture.Client(fixture.ReadToken);

        (await reader.PostAsync("experiments/create", new { name })).AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var anonymous = fixture.Client();
        (await anonymous.PostAsync("experiments/create", new { name })).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        (await reader.GetAsync($"experiments/get-by-name?experiment_name={name}")).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task RegistryWrite_UnderAuth_AuditsTheTokenNameNotTheUserHeader()
    {
        using var writer = fixture.Client(fixture.WriteToken);
        writer.Http.DefaultRequestHeaders.Add("X-Gyre-User", "mallory");
        var name = "audited-" + Guid.NewGuid().ToString("N");

        (await writer.PostAsync("registered-models/create", new { name })).AssertOk();

        var log = await fixture.Server.Registry.GetAuditLogAsync(name, TestContext.Current.CancellationToken);
        Assert.Equal(["writer"], log.Select(e => e.User));
    }

    [Fact]
    public async Task UnknownRoute_WithoutToken_Is401()
    {
        using var anonymous = fixture.Client();

        var result = await anonymous.GetAsync("no/such/route");

        AssertUnauthenticated(result);
    }

    private static void AssertUnauthenticated(ApiResult result)
    {
        result.AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal("Bearer, Basic realm=\"gyre\"", string.Join(", ", result.Headers.Headers.WwwAuthenticate));
    }

    private static TheoryData<string, string> Routes(ApiTokenRole role)
    {
        var data = new TheoryData<string, string>();
        foreach (var route in ApiRoutes.All.Where(r => r.Role == role))
        {
            data.Add(route.Method, route.Pattern);
        }

        return data;
    }

    /// <summary>A request that the route answers with 200 for a write token, with what it needs created first.</summary>
    private static async Task<Request> PrepareWriteAsync(string method, string pattern, MlflowHttp writer)
    {
        if (pattern.Contains("mlflow-artifacts", StringComparison.Ordinal))
        {
            var path = pattern.Replace("{**path}", $"auth-{Guid.NewGuid():N}/file.txt", StringComparison.Ordinal);
            if (method == "DELETE")
            {
                (await writer.SendAsync(HttpMethod.Put, path, new StringContent("x"))).AssertOk();
            }

            return new Request(method, path, method == "PUT" ? "content" : null, "text/plain");
        }

        if (pattern.StartsWith(RegistryExtensionsApi.Prefix, StringComparison.Ordinal))
        {
            var extensionBody = await PrepareRegistryExtensionWriteAsync(pattern[RegistryExtensionsApi.Prefix.Length..], writer);
            return new Request(method, pattern, JsonSerializer.Serialize(extensionBody), "application/json");
        }

        var rpc = pattern[(pattern.IndexOf("/mlflow/", StringComparison.Ordinal) + "/mlflow/".Length)..];
        if (rpc.StartsWith("registered-models/", StringComparison.Ordinal) || rpc.StartsWith("model-versions/", StringComparison.Ordinal))
        {
            return new Request(method, pattern, JsonSerializer.Serialize(await PrepareRegistryWriteAsync(method, rpc, writer)), "application/json");
        }

        var experimentId = await writer.CreateExperimentAsync();
        var runId = await writer.CreateRunAsync(experimentId);
        object body = rpc switch
        {
            "experiments/create" => new { name = "auth-" + Guid.NewGuid().ToString("N") },
            "experiments/update" => new { experiment_id = experimentId, new_name = "auth-" + Guid.NewGuid().ToString("N") },
            "experiments/delete" => new { experiment_id = experimentId },
            "experiments/restore" => await Then(writer.PostAsync("experiments/delete", new { experiment_id = experimentId }), new { experiment_id = experimentId }),
            "experiments/set-experiment-tag" => new { experiment_id = experimentId, key = "k", value = "v" },
            "experiments/delete-experiment-tag" => await Then(writer.PostAsync("experiments/set-experiment-tag", new { experiment_id = experimentId, key = "k", value = "v" }), new { experiment_id = experimentId, key = "k" }),
            "runs/create" => new { experiment_id = experimentId },
            "runs/update" => new { run_id = runId, status = "FINISHED", end_time = 1L },
            "runs/delete" => new { run_id = runId },
            "runs/restore" => await Then(writer.PostAsync("runs/delete", new { run_id = runId }), new { run_id = runId }),
            "runs/log-metric" => new { run_id = runId, key = "m", value = 1.0, timestamp = 1L },
            "runs/log-parameter" => new { run_id = runId, key = "p", value = "v" },
            "runs/set-tag" => new { run_id = runId, key = "t", value = "v" },
            "runs/delete-tag" => await Then(writer.PostAsync("runs/set-tag", new { run_id = runId, key = "t", value = "v" }), new { run_id = runId, key = "t" }),
            "runs/log-batch" => new { run_id = runId, metrics = new[] { new { key = "m", value = 1.0, timestamp = 1L, step = 0L } } },
            "runs/log-inputs" => new { run_id = runId, datasets = new[] { new { dataset = new { name = "d", digest = "abc", source_type = "local", source = "/d" } } } },
            _ => throw new InvalidOperationException($"No sample request for write route {method} {pattern}: add one to AuthTests."),
        };
        return new Request(method, pattern, JsonSerializer.Serialize(body), "application/json");
    }

    /// <summary>A request that the route answers with 200 for a read token.</summary>
    private static async Task<Request> PrepareReadAsync(string method, string pattern, MlflowHttp writer)
    {
        if (pattern.Contains("mlflow-artifacts", StringComparison.Ordinal))
        {
            var folder = $"auth-read-{Guid.NewGuid():N}";
            (await writer.SendAsync(HttpMethod.Put, $"/api/2.0/mlflow-artifacts/artifacts/{folder}/f.txt", new StringContent("x"))).AssertOk();
            return pattern.EndsWith("{**path}", StringComparison.Ordinal)
                ? new Request(method, pattern.Replace("{**path}", $"{folder}/f.txt", StringComparison.Ordinal), null, null)
                : new Request(method, $"{pattern}?path={folder}", null, null);
        }

        if (pattern == RegistryExtensionsApi.Prefix + "audit/get")
        {
            return new Request(method, $"{pattern}?name={await CreateRegisteredVersionAsync(writer)}", null, null);
        }

        if (pattern.StartsWith(UiApi.Prefix, StringComparison.Ordinal) && pattern[UiApi.Prefix.Length..] is "metric-series" or "metric-keys" or "artifact")
        {
            var uiRun = await writer.CreateRunAsync("0");
            var artifacts = (await writer.GetRunAsync(uiRun))["info"]!["artifact_uri"]!.GetValue<string>()["mlflow-artifacts:/".Length..];
            (await writer.SendAsync(HttpMethod.Put, $"/api/2.0/mlflow-artifacts/artifacts/{artifacts}/f.txt", new StringContent("x"))).AssertOk();
            return new Request(method, $"{pattern}?run_id={uiRun}&run_ids={uiRun}&key=m&path=f.txt", null, null);
        }

        if (!pattern.Contains("/mlflow/", StringComparison.Ordinal))
        {
            return new Request(method, pattern, null, null);
        }

        var rpc = pattern[(pattern.IndexOf("/mlflow/", StringComparison.Ordinal) + "/mlflow/".Length)..];
        var runId = await writer.CreateRunAsync("0");
        if (method == "POST")
        {
            object body = rpc switch
            {
                "experiments/search" => new { max_results = 5 },
                "runs/search" => new { experiment_ids = new[] { "0" }, max_results = 5 },
                "registered-models/get-latest-versions" => new { name = await CreateRegisteredVersionAsync(writer) },
                _ => throw new InvalidOperationException($"No sample request for read route {method} {pattern}: add one to AuthTests."),
            };
            return new Request(method, pattern, JsonSerializer.Serialize(body), "application/json");
        }

        var query = rpc switch
        {
            "experiments/get" => "experiment_id=0",
            "experiments/get-by-name" => "experiment_name=Default",
            "experiments/search" => "max_results=5",
            "experiments/list" => "",
            "runs/get" => $"run_id={runId}",
            "metrics/get-history" => $"run_id={runId}&metric_key=m",
            "artifacts/list" => $"run_id={runId}",
            "registered-models/get" or "registered-models/get-latest-versions" => $"name={await CreateRegisteredVersionAsync(writer)}",
            "registered-models/search" or "model-versions/search" => "max_results=5",
            "registered-models/alias" => $"name={await CreateRegisteredVersionAsync(writer, "champion")}&alias=champion",
            "model-versions/get" or "model-versions/get-download-uri" => $"name={await CreateRegisteredVersionAsync(writer)}&version=1",
            _ => throw new InvalidOperationException($"No sample request for read route {method} {pattern}: add one to AuthTests."),
        };
        return new Request(method, $"{pattern}?{query}", null, null);
    }

    /// <summary>A registry write request the route answers with 200, on a new model with version 1 (tagged, aliased <c>champion</c>).</summary>
    private static async Task<object> PrepareRegistryWriteAsync(string method, string rpc, MlflowHttp writer)
    {
        if (rpc == "registered-models/create")
        {
            return new { name = "auth-" + Guid.NewGuid().ToString("N") };
        }

        var name = await CreateRegisteredVersionAsync(writer, "champion");
        (await writer.PostAsync("registered-models/set-tag", new { name, key = "k", value = "v" })).AssertOk();
        (await writer.PostAsync("model-versions/set-tag", new { name, version = "1", key = "k", value = "v" })).AssertOk();
        return (method, rpc) switch
        {
            (_, "registered-models/rename") => new { name, new_name = name + "-renamed" },
            (_, "registered-models/update") => new { name, description = "d" },
            (_, "registered-models/delete") => new { name },
            (_, "registered-models/set-tag") => new { name, key = "k2", value = "v" },
            (_, "registered-models/delete-tag") => new { name, key = "k" },
            ("POST", "registered-models/alias") => new { name, alias = "challenger", version = "1" },
            ("DELETE", "registered-models/alias") => new { name, alias = "champion" },
            (_, "model-versions/create") => new { name, source = "s3://bucket/model" },
            (_, "model-versions/update") => new { name, version = "1", description = "d" },
            (_, "model-versions/transition-stage") => new { name, version = "1", stage = "Staging" },
            (_, "model-versions/delete") => new { name, version = "1" },
            (_, "model-versions/set-tag") => new { name, version = "1", key = "k2", value = "v" },
            (_, "model-versions/delete-tag") => new { name, version = "1", key = "k" },
            _ => throw new InvalidOperationException($"No sample request for write route {method} {rpc}: add one to AuthTests."),
        };
    }

    /// <summary>A request to one of Gyre's registry extension write routes answered with 200, on a new model with version 1 aliased <c>champion</c>.</summary>
    private static async Task<object> PrepareRegistryExtensionWriteAsync(string rpc, MlflowHttp writer)
    {
        var name = await CreateRegisteredVersionAsync(writer, "champion");
        return rpc switch
        {
            "model-versions/create" => new { name, source = "s3://bucket/model", package = new { sha256 = new string('c', 64), flavor = "mlnet" }, aliases = new[] { "challenger" } },
            "aliases/set" => new { name, alias = "challenger", version = "1", details_json = "{}" },
            "aliases/promote" => new { name, alias = "champion", version = "1", expected_current_version = "1", details_json = "{}" },
            "audit/append" => new { name, action = "promotion_refused", version = "1", details_json = "{}" },
            _ => throw new InvalidOperationException($"No sample request for write route POST {rpc}: add one to AuthTests."),
        };
    }

    /// <summary>A new registered model with version 1 (pointed at by <paramref name="alias"/> when given); returns its name.</summary>
    /// <summary>A new study with no trials, for the web UI's <c>study</c> route.</summary>
    private async Task<string> CreateStudyAsync()
    {
        var name = "auth-study-" + Guid.NewGuid().ToString("N");
        await ((Gyre.Tuning.IStudyStorage)fixture.Server.Store).CreateStudyAsync(name, Gyre.Tuning.StudyDirection.Minimize, TestContext.Current.CancellationToken);
        return name;
    }

    private static async Task<string> CreateRegisteredVersionAsync(MlflowHttp writer, string? alias = null)
    {
        var name = "auth-model-" + Guid.NewGuid().ToString("N");
        (await writer.PostAsync("registered-models/create", new { name })).AssertOk();
        (await writer.PostAsync("model-versions/create", new { name, source = "s3://bucket/model" })).AssertOk();
        if (alias is not null)
        {
            (await writer.PostAsync("registered-models/alias", new { name, alias, version = "1" })).AssertOk();
        }

        return name;
    }

    private static async Task<T> Then<T>(Task<ApiResult> step, T value)
    {
        (await step).AssertOk();
        return value;
    }

    private static async Task<ApiResult> SendAsync(MlflowHttp client, Request request)
    {
        using (client)
        {
            HttpContent? content = null;
            if (request.Body is not null)
            {
                content = new StringContent(request.Body, Encoding.UTF8);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
            }

            return await client.SendAsync(new HttpMethod(request.Method), request.Path, content);
        }
    }

    private sealed record Request(string Method, string Path, string? Body, string? ContentType);
}
