using Gyre.Registry;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

/// <summary>
/// A model version carrying Gyre's <c>gyre_package</c> extension is still read correctly by a third-party MLflow client,
/// the npm package <c>mlflow@2.0.7</c> (through Node/mlflow-npm-registry.js; that client has no registry wrappers, so the
/// script uses its generic request layer on MLflow's registry routes).
/// </summary>
public sealed class NpmClientRegistryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task NpmMlflowClient_ModelVersionWithGyrePackage_ReadsMlflowFieldsUnchanged()
    {
        var nodeModules = Path.Combine(RepositoryFiles.Root, "tools", "node", "node_modules");
        Assert.True(
            File.Exists(Path.Combine(nodeModules, "mlflow", "package.json")),
            $"The npm MLflow client is not installed in {nodeModules}: run 'npm ci' in {Path.Combine(RepositoryFiles.Root, "tools", "node")}.");
        var ct = TestContext.Current.CancellationToken;
        var name = "npm-registry-" + Guid.NewGuid().ToString("N")[..8];
        var sha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var actor = new RegistryActor("npm-test");
        await fixture.Server.Registry.CreateRegisteredModelAsync(name, null, null, actor, ct);
        await fixture.Server.Registry.CreateModelVersionAsync(
            new NewModelVersion(name, "runs:/0123456789abcdef0123456789abcdef/model")
            {
                Package = new PackageFacts(sha256, "mlnet", """{"inputs":[]}""", new Dictionary<string, double> { ["auc"] = 0.91 }),
                Aliases = ["champion"],
            },
            actor,
            ct);
        var script = Path.Combine(AppContext.BaseDirectory, "Node", "mlflow-npm-registry.js");

        var (exitCode, output, error) = await NpmClientTests.RunNodeAsync(nodeModules, script, fixture.Server.Address.ToString(), name, sha256);

        Assert.True(exitCode == 0, $"node {Path.GetFileName(script)} exited {exitCode}.\nstdout:\n{output}\nstderr:\n{error}");
        Assert.Matches(@"^npm mlflow registry: \d+ checks passed\s*$", output);
    }
}
