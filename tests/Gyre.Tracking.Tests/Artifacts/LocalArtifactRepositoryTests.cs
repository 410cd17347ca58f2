using Gyre.Core;
using Gyre.Tracking.Artifacts;

namespace Gyre.Tracking.Tests.Artifacts;

/// <summary>The artifact repository contract on a local folder, plus what only a file system has (temp files, symbolic links, empty folders).</summary>
public sealed class LocalArtifactRepositoryTests : ArtifactRepositoryContract
{
    private readonly TemporaryFolder folder = new();

    private string Root => folder.Combine("root");

    private LocalArtifactRepository Local => (LocalArtifactRepository)Repository;

    protected override Task<IArtifactRepository> CreateRepositoryAsync(CancellationToken cancellationToken)
        => Task.FromResult<IArtifactRepository>(new LocalArtifactRepository(Root));

    protected override ValueTask DisposeRepositoryAsync(IArtifactRepository repository)
    {
        folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void RootUri_IsTheFileUriOfTheAbsoluteRoot()
    {
        Assert.Equal(new Uri(Root).AbsoluteUri, Repository.RootUri);
        Assert.Equal(Root, Local.RootFolder);
    }

    [Fact]
    public void Constructor_BlankRoot_ThrowsInvalidInput()
        => Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => new LocalArtifactRepository(" ")).Kind);

    [Fact]
    public async Task WriteAsync_File_LandsAtItsPathUnderTheRootWithNoTemporaryFileLeft()
    {
        await WriteTextAsync("model/m.json", "{}");

        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(Root, "model", "m.json"), Ct));
        Assert.Equal(["m.json"], Directory.GetFileSystemEntries(Path.Combine(Root, "model")).Select(Path.GetFileName));
    }

    [Fact]
    public void GetLocalPath_ValidPath_IsUnderTheRootWhetherOrNotItExists()
    {
        Assert.Equal(Path.Combine(Root, "a", "b.txt"), Local.GetLocalPath("a/b.txt"));
        Assert.Equal(Root, Local.GetLocalPath(null));
    }

    [Fact]
    public async Task ListAsync_TemporaryFilesOfWritesInProgress_AreHidden()
    {
        await WriteTextAsync("data/a.txt", "a");
        await File.WriteAllTextAsync(Path.Combine(Root, "data", ".gyre-tmp-0123"), "partial", Ct);

        Assert.Equal([new ArtifactInfo("data/a.txt", false, 1)], await Repository.ListAsync("data", Ct));
    }

    [Fact]
    public async Task WriteAsync_ReservedTemporaryName_ThrowsInvalidInput()
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Repository.WriteAsync("data/.gyre-tmp-x", new MemoryStream([1]), Ct));

    [Fact]
    public async Task ListAsync_EmptyFolder_IsListedAsAFolderAndHasNoChildren()
    {
        Directory.CreateDirectory(Path.Combine(Root, "empty"));

        Assert.Equal([new ArtifactInfo("empty", true, null)], await Repository.ListAsync(null, Ct));
        Assert.Empty(await Repository.ListAsync("empty", Ct));
    }

    [Fact]
    public async Task WriteAsync_WhereAFolderIs_ThrowsInvalidInputAndKeepsTheFolder()
    {
        await WriteTextAsync("model/m.json", "{}");

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => WriteTextAsync("model", "x"));

        Assert.Contains("'model'", error.Message, StringComparison.Ordinal);
        Assert.Equal("{}", await ReadTextAsync("model/m.json"));
    }

    [Fact]
    public async Task WriteAsync_UnderAFile_ThrowsInvalidInput()
    {
        await WriteTextAsync("a.txt", "a");

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => WriteTextAsync("a.txt/b.txt", "b"));
        Assert.Equal("a", await ReadTextAsync("a.txt"));
    }

    [Fact]
    public async Task EveryMethod_SymbolicLinkLeadingOutOfTheRoot_ThrowsInvalidInput()
    {
        var outside = folder.Combine("outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "secret", Ct);
        Directory.CreateDirectory(Root);
        Directory.CreateSymbolicLink(Path.Combine(Root, "escape"), outside);
        File.CreateSymbolicLink(Path.Combine(Root, "secret-link.txt"), Path.Combine(outside, "secret.txt"));

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Repository.OpenReadAsync("escape/secret.txt", Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Repository.OpenReadAsync("secret-link.txt", Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Repository.ListAsync("escape", Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => WriteTextAsync("escape/new.txt", "x"));
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Repository.DeleteAsync("escape/secret.txt", Ct));
        Assert.Throws<GyreException>(() => Local.GetLocalPath("escape"));

        Assert.Equal(["secret.txt"], Directory.GetFiles(outside).Select(Path.GetFileName));
        Assert.Equal("secret", await File.ReadAllTextAsync(Path.Combine(outside, "secret.txt"), Ct));
    }

    [Fact]
    public async Task EveryMethod_RelativeSymbolicLinksChainingOutOfTheRoot_ThrowInvalidInput()
    {
        // root/deep/d/e/a -> root/b (inside); root/b/up -> ../../ leaves the root when resolved from
        // root/b, where the kernel resolves it, though not when read naively from root/deep/d/e/a.
        var outside = folder.Combine("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(Path.Combine(Root, "deep", "d", "e"));
        Directory.CreateDirectory(Path.Combine(Root, "b"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "deep", "d", "e", "a"), Path.Combine(Root, "b"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "b", "up"), Path.Combine("..", ".."));

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => WriteTextAsync("deep/d/e/a/up/outside/x.txt", "x"));
        Assert.Empty(Directory.GetFiles(outside));
    }

    [Fact]
    public async Task EveryMethod_SymbolicLinkInsideTheRoot_IsFollowed()
    {
        await WriteTextAsync("real/a.txt", "a");
        Directory.CreateSymbolicLink(Path.Combine(Root, "alias"), Path.Combine(Root, "real"));

        Assert.Equal("a", await ReadTextAsync("alias/a.txt"));
        Assert.Equal([new ArtifactInfo("alias/a.txt", false, 1)], await Repository.ListAsync("alias", Ct));
    }

    [Fact]
    public async Task DeleteAsync_Root_KeepsTheRootFolder()
    {
        await WriteTextAsync("a/b.txt", "b");

        await Repository.DeleteAsync("", Ct);

        Assert.True(Directory.Exists(Root));
        Assert.Empty(Directory.GetFileSystemEntries(Root));
    }
}
