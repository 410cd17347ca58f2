using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Tests;

namespace Gyre.Stores.S3.Tests;

/// <summary><see cref="ArtifactStore"/> over S3: a run's files in MLflow's layout, listed and downloaded back.</summary>
public sealed class S3ArtifactStoreTests : IDisposable
{
    private static readonly ExperimentId Experiment = new("4");
    private static readonly RunId Run = new("0123456789abcdef0123456789abcdef");

    private readonly TemporaryFolder folder = new();
    private readonly S3ArtifactRepository repository;
    private readonly ArtifactStore store;
    private readonly List<string> downloads = [];

    public S3ArtifactStoreTests(S3TestServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        repository = server.CreateRepository();
        store = new ArtifactStore(repository);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var download in downloads)
        {
            Directory.Delete(download, recursive: true);
        }

        repository.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void GetArtifactUri_FollowsMlflowsLayoutUnderTheS3Root()
        => Assert.Equal($"{repository.RootUri}/4/{Run.Value}/artifacts", store.GetArtifactUri(Experiment, Run));

    [Fact]
    public async Task LogArtifact_Folder_IsListedUnderTheRunAndStoredInMlflowsLayout()
    {
        await LogModelFolderAsync();

        Assert.Equal([new ArtifactInfo("model", true, null)], await store.ListArtifactsAsync(Experiment, Run, null, Ct));
        Assert.Equal(
            [new ArtifactInfo("model/MLmodel", false, 13), new ArtifactInfo("model/data", true, null)],
            await store.ListArtifactsAsync(Experiment, Run, "model", Ct));
        Assert.Equal(
            [new ArtifactInfo($"4/{Run.Value}/artifacts/model/data/weights.bin", false, 3_000_000)],
            await repository.ListAsync($"4/{Run.Value}/artifacts/model/data", Ct));
    }

    [Fact]
    public async Task GetLocalPath_Folder_DownloadsEveryFile()
    {
        await LogModelFolderAsync();

        var local = await store.GetLocalPathAsync(Experiment, Run, "model", Ct);
        downloads.Add(Path.GetDirectoryName(local)!);

        Assert.Equal("model", Path.GetFileName(local));
        Assert.Equal("flavor: gyre\n", await File.ReadAllTextAsync(Path.Combine(local, "MLmodel"), Ct));
        Assert.Equal(
            await File.ReadAllBytesAsync(folder.Combine("source", "model", "data", "weights.bin"), Ct),
            await File.ReadAllBytesAsync(Path.Combine(local, "data", "weights.bin"), Ct));
    }

    [Fact]
    public async Task GetLocalPath_File_DownloadsIt()
    {
        await LogModelFolderAsync();

        var local = await store.GetLocalPathAsync(Experiment, Run, "model/MLmodel", Ct);
        downloads.Add(Path.GetDirectoryName(local)!);

        Assert.Equal("flavor: gyre\n", await File.ReadAllTextAsync(local, Ct));
    }

    [Fact]
    public async Task GetLocalPathAndOpenArtifact_Absent_ThrowNotFound()
    {
        await LogModelFolderAsync();

        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GyreException>(() => store.GetLocalPathAsync(Experiment, Run, "model/nope", Ct))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GyreException>(() => store.OpenArtifactAsync(Experiment, Run, "model/nope", Ct))).Kind);
    }

    [Fact]
    public async Task OpenArtifact_LoggedFile_ReadsItsBytes()
    {
        await LogModelFolderAsync();

        await using var stream = await store.OpenArtifactAsync(Experiment, Run, "model/MLmodel", Ct);
        using var reader = new StreamReader(stream);

        Assert.Equal("flavor: gyre\n", await reader.ReadToEndAsync(Ct));
    }

    private async Task LogModelFolderAsync()
    {
        var model = folder.Combine("source", "model");
        Directory.CreateDirectory(Path.Combine(model, "data"));
        await File.WriteAllTextAsync(Path.Combine(model, "MLmodel"), "flavor: gyre\n", Ct);
        await File.WriteAllBytesAsync(Path.Combine(model, "data", "weights.bin"), [.. Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 7))], Ct);
        await store.LogArtifactAsync(Experiment, Run, model, "model", Ct);
    }
}
