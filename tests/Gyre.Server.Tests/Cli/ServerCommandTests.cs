using System.Net;
using Gyre.Cli;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Cli;

public sealed class ServerCommandTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly CliRunner cli;

    public ServerCommandTests() => cli = new CliRunner(folder.Path, folder.Combine("home"));

    [Fact]
    public async Task TokenCreateListRevoke_ManageTokensInTheWorkspaceDatabase()
    {
        var created = await cli.RunAsync("server", "token", "create", "--name", "ci", "--role", "write", "--json");
        created.AssertExit(ExitCodes.Success);
        var token = created.Json();
        var id = token["id"]!.GetValue<string>();
        var secret = token["secret"]!.GetValue<string>();

        var listed = await cli.RunAsync("server", "token", "list", "--json");
        var revoked = await cli.RunAsync("server", "token", "revoke", id);
        var afterRevoke = await cli.RunAsync("server", "token", "list", "--json");

        Assert.Equal("write", token["role"]!.GetValue<string>());
        Assert.Equal("ci", token["name"]!.GetValue<string>());
        Assert.True(secret.Length >= 32);
        listed.AssertExit(ExitCodes.Success);
        var entry = listed.Json()["tokens"]!.AsArray().Single()!;
        Assert.Equal(id, entry["id"]!.GetValue<string>());
        Assert.DoesNotContain(secret, listed.Out, StringComparison.Ordinal);
        Assert.Null(entry["revoked_time"]);
        revoked.AssertExit(ExitCodes.Success);
        Assert.NotNull(afterRevoke.Json()["tokens"]![0]!["revoked_time"]);
        Assert.True(File.Exists(folder.Combine("home", "gyre.db")));
    }

    [Fact]
    public async Task TokenCreate_PlainOutput_PrintsTheSecretOnce()
    {
        var created = await cli.RunAsync("server", "token", "create", "--name", "laptop", "--role", "read");

        created.AssertExit(ExitCodes.Success);
        var lines = created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Created API token ", lines[0], StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]{32,}$", lines[^1]);
    }

    [Fact]
    public async Task TokenCreate_WithExplicitSqliteBackendUri_UsesThatDatabase()
    {
        var created = await cli.RunAsync("server", "token", "create", "--name", "x", "--role", "admin", "--backend-store-uri", "sqlite:///other/tracking.db");

        created.AssertExit(ExitCodes.Success);
        Assert.True(File.Exists(folder.Combine("other", "tracking.db")));
        Assert.False(File.Exists(folder.Combine("home", "gyre.db")));
    }

    [Fact]
    public async Task TokenRevoke_UnknownId_Fails()
    {
        var result = await cli.RunAsync("server", "token", "revoke", "no-such-token");

        result.AssertExit(ExitCodes.Failure);
        Assert.StartsWith("gyre: error:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server", "token", "create", "--name", "x", "--role", "root")]
    [InlineData("server", "token", "create", "--role", "read")]
    [InlineData("server", "--port", "many")]
    public async Task Server_MalformedCommandLine_IsUsageError(params string[] args)
    {
        var result = await cli.RunAsync(args);

        result.AssertExit(ExitCodes.Usage);
    }

    [Theory]
    [InlineData("--port", "70000", "--port")]
    [InlineData("--backend-store-uri", "mysql://db/x", "--backend-store-uri")]
    [InlineData("--backend-store-uri", "sqlite://", "--backend-store-uri")]
    [InlineData("--artifacts-destination", "gs://bucket/x", "--artifacts-destination")]
    public async Task Server_BadOption_FailsNamingIt(string option, string value, string named)
    {
        var result = await cli.RunAsync("server", option, value);

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server", "--help")]
    [InlineData("server", "token", "--help")]
    [InlineData("server", "token", "create", "--help")]
    [InlineData("server", "token", "list", "--help")]
    [InlineData("server", "token", "revoke", "--help")]
    public async Task Help_IsPrintedForEveryCommand(params string[] args)
    {
        var result = await cli.RunAsync(args);

        result.AssertExit(ExitCodes.Success);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_PrintsItsUrlServesAndStopsGracefullyOnCancel()
    {
        using var output = new SignallingWriter("listening on ");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = cli.RunAsync(output, stop.Token, "server", "--port", "0", "--artifacts-destination", "served-artifacts");

        var line = await output.Line.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var url = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Trim();
        using (var client = new MlflowHttp(new Uri(url)))
        {
            var health = await client.SendAsync(HttpMethod.Get, "/health");
            Assert.Equal(HttpStatusCode.OK, health.Status);
            var experimentId = await client.CreateExperimentAsync("served");
            Assert.Equal("served", (await client.GetAsync($"experiments/get?experiment_id={experimentId}")).Json["experiment"]!["name"]!.GetValue<string>());
            (await client.SendAsync(HttpMethod.Put, "/api/2.0/mlflow-artifacts/artifacts/x/y.txt", new StringContent("y"))).AssertOk();
        }

        await stop.CancelAsync();
        var result = await running;

        result.AssertExit(ExitCodes.Success);
        Assert.Matches(@"Gyre tracking server listening on http://127\.0\.0\.1:\d+/", result.Out);
        Assert.Contains("Server stopped.", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.Combine("served-artifacts", "x", "y.txt")));
        Assert.True(File.Exists(folder.Combine("home", "gyre.db")));
    }

    public void Dispose() => folder.Dispose();
}
