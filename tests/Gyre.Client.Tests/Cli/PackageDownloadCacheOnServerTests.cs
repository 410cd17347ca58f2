using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli;
using Gyre.Cli.Commands;
using Gyre.Client.Tests.Support;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests.Cli;

/// <summary>
/// The download cache of packages read through a live <c>gyre server</c>'s artifact proxy
/// (<c>GYRE_HOME/cache/packages</c>): repeated loads reuse one entry and leave nothing in the temp folder, a damaged
/// entry is replaced by a fresh download, and a package modified on the server is still refused.
/// </summary>
[Collection(nameof(TempFolderCountingTests))]
public sealed class PackageDownloadCacheOnServerTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Cache => folder.Combine("home", "cache", "packages");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Predict_TwiceThroughAServer_DownloadsIntoOneCacheEntryAndLeavesNoTempFolders()
    {
        await using var server = await LiveServer.StartAsync(null, Ct);
        var run = await TrainAsync(server);
        var before = TempDownloads();

        await RunOkAsync(server, "models", "register", "fraud", "--run", run);
        await RunOkAsync(server, "predict", "--model", "fraud@champion", "--input", "fraud.csv", "--output", "first.csv");
        await RunOkAsync(server, "predict", "--model", "fraud@champion", "--input", "fraud.csv", "--output", "second.csv");

        var entry = Assert.Single(Directory.GetDirectories(Cache));
        Assert.Equal(64, Path.GetFileName(entry).Length);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(RunModelFolder(server, run), "manifest.json"), Ct),
            await File.ReadAllBytesAsync(Path.Combine(entry, "manifest.json"), Ct));
        Assert.Empty(TempDownloads().Except(before));
        Assert.Equal(File.ReadAllLines(folder.Combine("first.csv")), File.ReadAllLines(folder.Combine("second.csv")));
    }

    [Fact]
    public async Task Predict_CachedCopyCorrupted_DownloadsAgainAndSucceeds()
    {
        await using var server = await LiveServer.StartAsync(null, Ct);
        var sha256 = await RegisterPackageAsync(server, await TrainAsync(server));
        await RunOkAsync(server, "predict", "--model", "imported@champion", "--input", "fraud.csv", "--output", "first.csv");
        var entry = Assert.Single(Directory.GetDirectories(Cache));
        await File.AppendAllTextAsync(Path.Combine(entry, "model.zip"), "tampered", Ct);

        await RunOkAsync(server, "predict", "--model", "imported@champion", "--input", "fraud.csv", "--output", "second.csv");

        Assert.Equal(entry, Assert.Single(Directory.GetDirectories(Cache)));
        Assert.Equal(
            await File.ReadAllBytesAsync(server.ArtifactPath("registry", "packages", sha256, "model.zip"), Ct),
            await File.ReadAllBytesAsync(Path.Combine(entry, "model.zip"), Ct));
        Assert.Equal(File.ReadAllLines(folder.Combine("first.csv")), File.ReadAllLines(folder.Combine("second.csv")));
    }

    [Fact]
    public async Task Predict_PackageTamperedOnServerAndNotCached_IsRefusedNamingTheFile()
    {
        await using var server = await LiveServer.StartAsync(null, Ct);
        var sha256 = await RegisterPackageAsync(server, await TrainAsync(server));
        await File.AppendAllTextAsync(server.ArtifactPath("registry", "packages", sha256, "model.zip"), "tampered", Ct);

        var (exitCode, _, error) = await RunAsync(server, "predict", "--model", "imported@champion", "--input", "fraud.csv", "--output", "scored.csv");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("imported@champion", error, StringComparison.Ordinal);
        Assert.Contains("model.zip", error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("scored.csv")));
        Assert.Empty(Directory.Exists(Cache) ? Directory.GetDirectories(Cache) : []);
    }

    /// <summary>Download folders of the old uncached paths (package and run-artifact downloads) now in the temp folder.</summary>
    private static HashSet<string> TempDownloads() =>
        [.. Directory.GetDirectories(Path.GetTempPath(), "gyre-package-*"), .. Directory.GetDirectories(Path.GetTempPath(), "gyre-artifacts-*")];

    /// <summary>The server's folder of the run's model artifact (<c>&lt;experiment id&gt;/&lt;run id&gt;/artifacts/model</c>).</summary>
    private static string RunModelFolder(LiveServer server, string run) =>
        Path.Combine(Assert.Single(Directory.GetDirectories(server.ArtifactPath(), run, SearchOption.AllDirectories)), "artifacts", "model");

    private async Task<string> TrainAsync(LiveServer server)
    {
        await RunOkAsync(server, "data", "synth", "fraud", "--rows", "1000", "--seed", "11", "--output", "fraud.csv");
        var trained = await RunOkAsync(server, "train", "--data", "fraud.csv", "--label", "is_fraud", "--task", "binary", "--folds", "2", "--json");
        return JsonNode.Parse(trained)!["run_id"]!.GetValue<string>();
    }

    /// <summary>Registers the run's package as an imported package (uploaded into the server's registry area) and returns its manifest SHA-256.</summary>
    private async Task<string> RegisterPackageAsync(LiveServer server, string run)
    {
        var package = RunModelFolder(server, run);
        var registered = JsonNode.Parse(await RunOkAsync(server, "models", "register", "imported", "--package", package, "--json"))!;
        return registered["version"]!["package"]!["sha256"]!.GetValue<string>();
    }

    private Task<string> RunOkAsync(LiveServer server, params string[] args) => new ServerCli(server, folder.Path, "dana").RunOkAsync(args);

    private Task<(int ExitCode, string Out, string Error)> RunAsync(LiveServer server, params string[] args) => new ServerCli(server, folder.Path, "dana").RunAsync(args);
}
