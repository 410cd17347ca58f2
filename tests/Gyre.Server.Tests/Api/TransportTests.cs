using System.Net;
using System.Text.Json.Nodes;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

/// <summary>What every route shares (MLflow spec §1): prefixes, content type, lenient bodies, unknown routes.</summary>
public sealed class TransportTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AjaxPrefix_ServesTheSameRoutes()
    {
        using var client = fixture.Client();
        var name = "ajax-" + Guid.NewGuid().ToString("N");

        var created = await client.PostAsync("experiments/create", new { name }, "/ajax-api/2.0/mlflow/");
        var read = await client.GetAsync($"experiments/get-by-name?experiment_name={name}");

        created.AssertOk();
        read.AssertOk();
        Assert.Equal(created.Json["experiment_id"]!.GetValue<string>(), read.Json["experiment"]!["experiment_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("text/plain", "Bad Request. Content-Type must be one of [application/json]. Got 'text/plain'.")]
    [InlineData(null, "Bad Request. Content-Type must be one of [application/json].")]
    public async Task Post_WithoutJsonContentType_Is400(string? contentType, string expected)
    {
        using var client = fixture.Client();

        var result = await client.PostRawAsync("experiments/create", """{"name":"ct"}""", contentType);

        Assert.Equal(expected, result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"));
    }

    [Fact]
    public async Task Post_JsonWithCharset_IsAccepted()
    {
        using var client = fixture.Client();

        var result = await client.PostRawAsync("experiments/create", $$"""{"name":"charset-{{Guid.NewGuid():N}}"}""", "application/json; charset=utf-8");

        result.AssertOk();
    }

    [Fact]
    public async Task Post_UnknownFields_AreIgnored()
    {
        using var client = fixture.Client();

        var result = await client.PostRawAsync(
            "experiments/create", $$"""{"name":"extra-{{Guid.NewGuid():N}}","run_uuid":"x","nested":{"deep":[1,{"a":null}]},"flag":true}""", "application/json");

        result.AssertOk();
    }

    [Fact]
    public async Task Post_BodyThatIsAJsonString_IsDecodedTwice()
    {
        using var client = fixture.Client();
        var name = "twice-" + Guid.NewGuid().ToString("N");

        var result = await client.PostRawAsync("experiments/create", JsonValue.Create($$"""{"name":"{{name}}"}""").ToJsonString(), "application/json");

        result.AssertOk();
        (await client.GetAsync($"experiments/get-by-name?experiment_name={name}")).AssertOk();
    }

    [Fact]
    public async Task Post_MalformedJson_Is400()
    {
        using var client = fixture.Client();

        var result = await client.PostRawAsync("experiments/create", """{"name": """, "application/json");

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Post_WrongFieldType_Is400NamingTheField()
    {
        using var client = fixture.Client();

        var result = await client.PostRawAsync("runs/search", """{"experiment_ids":["0"],"max_results":"lots"}""", "application/json");

        Assert.Equal("Invalid value for parameter 'max_results' supplied: expected an integer.", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"));
    }

    [Fact]
    public async Task Get_UnknownEnumNameInQuery_Is400()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("experiments/search?view_type=SOMETIMES");

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task UnknownRoute_Is404()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("no/such-route");

        result.AssertError(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
    }

    [Fact]
    public async Task KnownRouteWithWrongMethod_Is405()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("runs/create");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, result.Status);
        Assert.Equal("POST", result.Headers.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task HealthAndVersion_AnswerPlainText()
    {
        using var client = fixture.Client();

        var health = await client.SendAsync(HttpMethod.Get, "/health");
        var version = await client.SendAsync(HttpMethod.Get, "/version");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("OK", health.Body);
        Assert.Equal(HttpStatusCode.OK, version.Status);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Body);
    }
}
