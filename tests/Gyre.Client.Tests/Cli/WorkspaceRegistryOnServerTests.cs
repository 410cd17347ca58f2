using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli;
using Gyre.Cli.Commands;
using Gyre.Client.Tests.Support;
using Gyre.Core;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests.Cli;

/// <summary>
/// `gyre models` and `gyre predict --model NAME@ALIAS` with <c>GYRE_TRACKING_URI</c> naming a live <c>gyre server</c>:
/// registrations, aliases and the audit log live in the server's registry, packages in its artifact store (read through
/// the artifact proxy), and nothing touches the local workspace database.
/// </summary>
public sealed class WorkspaceRegistryOnServerTests : IDisposable
{
    private const string User = "dana";

    private readonly TemporaryFolder folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ModelsAndPredict_TrackingUriOfAServer_RegisterAliasHistoryAndPredictThroughTheServer()
    {
        await using var server = await LiveServer.StartAsync(null, Ct);
        await RunOkAsync(server, "data", "synth", "fraud", "--rows", "2000", "--seed", "42", "--output", "fraud.csv");
        string[] train = ["train", "--data", "fraud.csv", "--label", "is_fraud", "--task", "binary", "--folds", "2", "--experiment", "remote", "--json"];
        var first = JsonNode.Parse(await RunOkAsync(server, train))!["run_id"]!.GetValue<string>();
        var second = JsonNode.Parse(await RunOkAsync(server, [.. train, "-p", "num_leaves=7"]))!["run_id"]!.GetValue<string>();

        var registered = JsonNode.Parse(await RunOkAsync(server, "models", "register", "fraud", "--run", first, "--json"))!;
        await RunOkAsync(server, "models", "register", "fraud", "--run", second);
        await RunOkAsync(server, "models", "alias", "fraud", "champion", "2", "--reason", "smaller leaves won the review");
        var history = JsonNode.Parse(await RunOkAsync(server, "models", "history", "fraud", "--json"))!["entries"]!.AsArray();
        await RunOkAsync(server, "predict", "--model", "fraud@champion", "--input", "fraud.csv", "--output", "scored.csv");

        Assert.Equal($"runs:/{first}/model", registered["version"]!["source"]!.GetValue<string>());
        Assert.Equal(64, registered["version"]!["package"]!["sha256"]!.GetValue<string>().Length);
        var champion = await server.Registry.GetModelVersionByAliasAsync("fraud", "champion", Ct);
        Assert.Equal((2, new RunId(second)), (champion.Version, champion.RunId));
        Assert.Equal(registered["version"]!["package"]!["flavor"]!.GetValue<string>(), champion.Package!.Flavor);
        var moved = history.Last(e => e!["action"]!.GetValue<string>() == "set_alias")!;
        Assert.Equal((User, "smaller leaves won the review", 2), (moved["user"]!.GetValue<string>(), moved["reason"]!.GetValue<string>(), moved["version"]!.GetValue<int>()));
        Assert.Equal(2, history.Count(e => e!["action"]!.GetValue<string>() == "register_version" && e["user"]!.GetValue<string>() == User));
        var scored = File.ReadAllLines(Path.Combine(folder.Path, "scored.csv"));
        Assert.Equal(File.ReadAllLines(Path.Combine(folder.Path, "fraud.csv")).Length, scored.Length);
        Assert.False(File.Exists(folder.Combine("home", "gyre.db")), "The local workspace database must not be used.");
    }

    [Fact]
    public async Task ModelsRegisterPackage_TrackingUriOfAServer_UploadsThePackageAndPredictVerifiesIt()
    {
        await using var server = await LiveServer.StartAsync(null, Ct);
        await RunOkAsync(server, "data", "synth", "fraud", "--rows", "2000", "--seed", "7", "--output", "fraud.csv");
        var run = JsonNode.Parse(await RunOkAsync(server, "train", "--data", "fraud.csv", "--label", "is_fraud", "--task", "binary", "--folds", "2", "--json"))!["run_id"]!.GetValue<string>();
        var package = folder.Combine("package");
        await using (var client = await TrackingClient.ConnectAsync(server.TrackingUri, cancellationToken: Ct))
        {
            var info = (await client.Store.GetRunAsync(new RunId(run), Ct)).Info;
            var downloaded = await client.Artifacts.GetLocalPathAsync(info.ExperimentId, info.RunId, "model", Ct);
            Directory.Move(downloaded, package);
        }

        var registered = JsonNode.Parse(await RunOkAsync(server, "models", "register", "imported", "--package", package, "--json"))!;
        await RunOkAsync(server, "predict", "--model", "imported@champion", "--input", "fraud.csv", "--output", "scored.csv");

        var sha256 = registered["version"]!["package"]!["sha256"]!.GetValue<string>();
        var source = registered["version"]!["source"]!.GetValue<string>();
        Assert.Equal($"mlflow-artifacts:/registry/packages/{sha256}", source);
        Assert.True(File.Exists(server.ArtifactPath("registry", "packages", sha256, "manifest.json")), "The package must be uploaded into the server's registry area.");
        Assert.True(File.Exists(Path.Combine(folder.Path, "scored.csv")));

        // A package changed on the server after registration is refused by predict, naming the model. The first predict
        // cached the registered (verified) package under GYRE_HOME, and serving that copy is right; so the cache is
        // cleared to make predict read the changed package (PackageDownloadCacheOnServerTests covers the cache itself).
        var manifest = server.ArtifactPath("registry", "packages", sha256, "manifest.json");
        await File.AppendAllTextAsync(manifest, " ", Ct);
        Directory.Delete(folder.Combine("home", "cache", "packages"), recursive: true);
        var (exitCode, _, error) = await RunAsync(server, "predict", "--model", "imported@champion", "--input", "fraud.csv", "--output", "again.csv");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("imported@champion", error, StringComparison.Ordinal);
    }

    private Task<string> RunOkAsync(LiveServer server, params string[] args) => new ServerCli(server, folder.Path, User).RunOkAsync(args);

    private Task<(int ExitCode, string Out, string Error)> RunAsync(LiveServer server, params string[] args) => new ServerCli(server, folder.Path, User).RunAsync(args);
}
