using Gyre.Cli.Tests.Support;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Hosting;
using Gyre.Serving.Models;

namespace Gyre.Cli.Tests.Deploy;

/// <summary>
/// The probe and scrape paths written into the manifests are real: a model server on the generated Docker folder's
/// model copy answers 200 on each of them (readiness once the model is loaded).
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class DeployedProbeTests(TrainedWorkspace workspace)
{
    [Fact]
    public async Task ManifestPaths_Answer200_OnAServerOfTheCopiedModel()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = workspace.NewScratchFolder();
        var package = TrainedWorkspace.ModelPath(workspace.First);
        await workspace.Cli.RunOkAsync("deploy", "k8s", "--model", package, "--name", "fraud", "--out", Path.Combine(folder, "k8s"));
        await workspace.Cli.RunOkAsync("deploy", "docker", "--model", package, "--name", "fraud", "--out", Path.Combine(folder, "docker"));

        var documents = GeneratedYaml.Documents(Path.Combine(folder, "k8s"));
        var container = GeneratedYaml.At(GeneratedYaml.OfKind(documents, "Deployment"), "spec", "template", "spec", "containers", 0);
        var paths = new[]
        {
            GeneratedYaml.Text(container, "startupProbe", "httpGet", "path"),
            GeneratedYaml.Text(container, "livenessProbe", "httpGet", "path"),
            GeneratedYaml.Text(container, "readinessProbe", "httpGet", "path"),
            GeneratedYaml.Text(GeneratedYaml.OfKind(documents, "ServiceMonitor"), "spec", "endpoints", 0, "path"),
        };
        var docker = new GeneratedDockerfile(await File.ReadAllTextAsync(Path.Combine(folder, "docker", "Dockerfile"), ct));
        var healthcheck = docker.One("HEALTHCHECK");
        paths = [.. paths, healthcheck[(healthcheck.IndexOf(":8080", StringComparison.Ordinal) + ":8080".Length)..].Split(' ')[0]];

        var options = new ModelServerOptions
        {
            Endpoints = [new EndpointSpec("fraud", ModelLocator.Package(Path.Combine(folder, "docker", "model")))],
            Host = "127.0.0.1",
            Port = 0,
            Log = TextWriter.Null,
        };
        await using var server = await ModelServer.StartAsync(options, ModelSource.PackagesOnly, ct);
        using var client = new HttpClient { BaseAddress = server.Address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!server.IsReady && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path, ct);
            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        }
    }
}
