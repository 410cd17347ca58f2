using Gyre.Core;
using Gyre.Tracking.Artifacts;

namespace Gyre.Tracking.Tests.Artifacts;

/// <summary>
/// <see cref="ArtifactStore"/> over a repository without local access (the path a remote store such as S3
/// takes); <see cref="LocalArtifactStoreTests"/> covers the in-place local path.
/// </summary>
public sealed class ArtifactStoreTests : IDisposable
{
    private static readonly ExperimentId Experiment = new("7");
    private static readonly RunId Run = new("0123456789abcdef0123456789abcdef");
    private static readonly RunId OtherRun = new("fedcba9876543210fedcba9876543210");

    private readonly TemporaryFolder folder = new();
    private readonly LocalArtifactRepository inner;
    private readonly ArtifactStore store;
    private readonly List<string> downloads = [];

    public ArtifactStoreTests()
    {
        inner = new LocalArtifactRepository(folder.Combine("root"));
        store = new ArtifactStore(new OpaqueArtifactRepository(inner));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var download in downloads)
        {
            Directory.Delete(Path.GetDirectoryName(download)!, recursive: true);
        }

        folder.Dispose();
    }

    [Fact]
    public void GetArtifactUri_IsTheRunFolderUnderTheRepositoryRoot()
        => Assert.Equal($"{inner.RootUri}/7/{Run.Value}/artifacts", store.GetArtifactUri(Experiment, Run));

    [Fact]
    public async Task LogArtifact_Folder_WritesEachFileUnderTheRunInTheRepository()
    {
        await LogReportAsync();

        Assert.Equal([new ArtifactInfo($"7/{Run.Value}/artifacts/report/img", true, null), new ArtifactInfo($"7/{Run.Value}/artifacts/report/index.html", false, 7)],
            await inner.ListAsync($"7/{Run.Value}/artifacts/report", Ct));
    }

    [Fact]
    public async Task ListArtifacts_PathsAreRelativeToTheRunAndRunsAreSeparate()
    {
        await LogReportAsync();
        await store.LogArtifactAsync(Experiment, OtherRun, await WriteSourceAsync("other.txt", "o"), null, Ct);

        Assert.Equal([new ArtifactInfo("report", true, null)], await store.ListArtifactsAsync(Experiment, Run, null, Ct));
        Assert.Equal([new ArtifactInfo("report/img/roc.png", false, 3)], await store.ListArtifactsAsync(Experiment, Run, "report/img", Ct));
        Assert.Equal([new ArtifactInfo("other.txt", false, 1)], await store.ListArtifactsAsync(Experiment, OtherRun, null, Ct));
    }

    [Fact]
    public async Task GetLocalPath_Folder_DownloadsEveryFileIntoAFreshFolderNamedLikeIt()
    {
        await LogReportAsync();

        var local = await DownloadAsync("report");

        Assert.Equal("report", Path.GetFileName(local));
        Assert.False(local.StartsWith(folder.Path, StringComparison.Ordinal));
        Assert.Equal("<html/>", await File.ReadAllTextAsync(Path.Combine(local, "index.html"), Ct));
        Assert.Equal("png", await File.ReadAllTextAsync(Path.Combine(local, "img", "roc.png"), Ct));
    }

    [Fact]
    public async Task GetLocalPath_File_DownloadsIt()
    {
        await LogReportAsync();

        var local = await DownloadAsync("report/img/roc.png");

        Assert.Equal("roc.png", Path.GetFileName(local));
        Assert.Equal("png", await File.ReadAllTextAsync(local, Ct));
    }

    [Fact]
    public async Task GetLocalPath_RunRoot_DownloadsTheWholeRun()
    {
        await LogReportAsync();

        var local = await DownloadAsync("");

        Assert.Equal("png", await File.ReadAllTextAsync(Path.Combine(local, "report", "img", "roc.png"), Ct));
    }

    [Fact]
    public async Task GetLocalPath_Absent_ThrowsNotFoundAndLeavesNoDownloadFolder()
    {
        await LogReportAsync();
        var before = DownloadFolders();

        var error = await Assert.ThrowsAsync<GyreException>(() => store.GetLocalPathAsync(Experiment, Run, "report/nope", Ct));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("report/nope", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, DownloadFolders());
    }

    [Fact]
    public async Task OpenArtifact_Absent_ThrowsNotFoundNamingTheRunRelativePath()
    {
        var error = await Assert.ThrowsAsync<GyreException>(() => store.OpenArtifactAsync(Experiment, Run, "missing.txt", Ct));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("'missing.txt'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Run.Value, error.Message, StringComparison.Ordinal);
    }

    private async Task<string> DownloadAsync(string path)
    {
        var local = await store.GetLocalPathAsync(Experiment, Run, path, Ct);
        downloads.Add(path.Length == 0 ? Path.Combine(local, "x") : local);
        return local;
    }

    private static string[] DownloadFolders() =>
        [.. Directory.GetDirectories(Path.GetTempPath(), "gyre-artifacts-*").Order(StringComparer.Ordinal)];

    private async Task LogReportAsync()
    {
        await WriteSourceAsync(Path.Combine("report", "index.html"), "<html/>");
        await WriteSourceAsync(Path.Combine("report", "img", "roc.png"), "png");
        await store.LogArtifactAsync(Experiment, Run, folder.Combine("source", "report"), "report", Ct);
    }

    private async Task<string> WriteSourceAsync(string relativePath, string contents)
    {
        var path = folder.Combine("source", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, contents, Ct);
        return path;
    }
}
