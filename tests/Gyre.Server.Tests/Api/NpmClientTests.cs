using System.Diagnostics;
using System.Net;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

/// <summary>
/// The server driven by a real third-party MLflow client, the npm package <c>mlflow@2.0.7</c> (installed by
/// <c>npm ci</c> in tools/node), through Node/mlflow-npm-client.js. Its known quirks are tested over plain HTTP here.
/// </summary>
public sealed class NpmClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task NpmMlflowClient_DrivesExperimentsRunsMetricsAndSearch()
    {
        var nodeModules = Path.Combine(RepositoryFiles.Root, "tools", "node", "node_modules");
        Assert.True(
            File.Exists(Path.Combine(nodeModules, "mlflow", "package.json")),
            $"The npm MLflow client is not installed in {nodeModules}: run 'npm ci' in {Path.Combine(RepositoryFiles.Root, "tools", "node")}.");
        var script = Path.Combine(AppContext.BaseDirectory, "Node", "mlflow-npm-client.js");

        var (exitCode, output, error) = await RunNodeAsync(nodeModules, script, fixture.Server.Address.ToString());

        Assert.True(exitCode == 0, $"node {Path.GetFileName(script)} exited {exitCode}.\nstdout:\n{output}\nstderr:\n{error}");
        Assert.Matches(@"^npm mlflow client: \d+ checks passed\s*$", output);
    }

    [Fact]
    public async Task SetExperimentTag_AsTheNpmClientWouldSendIt_Works()
    {
        // The npm client posts to "experimentsset-experiment-tag" (a missing '/'), so it never reaches this route.
        using var client = fixture.Client();
        var experimentId = await client.CreateExperimentAsync();

        var misspelled = await client.PostAsync("experimentsset-experiment-tag", new { experiment_id = experimentId, key = "k", value = "v" });
        var correct = await client.PostAsync("experiments/set-experiment-tag", new { experiment_id = experimentId, key = "k", value = "v" });

        misspelled.AssertError(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
        correct.AssertOk();
        Assert.Equal("""[{"key":"k","value":"v"}]""", (await client.GetAsync($"experiments/get?experiment_id={experimentId}")).Json["experiment"]!["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task ExperimentsList_LegacyRouteTheNpmClientCalls_HonoursViewType()
    {
        using var client = fixture.Client();
        var deleted = await client.CreateExperimentAsync();
        (await client.PostAsync("experiments/delete", new { experiment_id = deleted })).AssertOk();

        var active = await client.GetAsync("experiments/list");
        var deletedOnly = await client.GetAsync("experiments/list?view_type=DELETED_ONLY");

        Assert.DoesNotContain(deleted, active.Json["experiments"]!.AsArray().Select(e => e!["experiment_id"]!.GetValue<string>()));
        Assert.Contains(deleted, deletedOnly.Json["experiments"]!.AsArray().Select(e => e!["experiment_id"]!.GetValue<string>()));
    }

    internal static async Task<(int ExitCode, string Output, string Error)> RunNodeAsync(string nodeModules, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = nodeModules;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
