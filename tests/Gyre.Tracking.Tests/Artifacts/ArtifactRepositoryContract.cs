using System.Security.Cryptography;
using System.Text;
using Gyre.Core;
using Gyre.Tracking.Artifacts;

namespace Gyre.Tracking.Tests.Artifacts;

/// <summary>
/// The behaviour every <see cref="IArtifactRepository"/> backend must show, written once. A backend's
/// test class inherits it and supplies a fresh, empty repository from <see cref="CreateRepositoryAsync"/>;
/// any divergence is an explicit override there, never a type check here. (Also compiled into
/// Gyre.Stores.S3.Tests, which links this file.)
/// </summary>
public abstract class ArtifactRepositoryContract : IAsyncLifetime
{
    private IArtifactRepository? repository;

    protected IArtifactRepository Repository => repository ?? throw new InvalidOperationException("The repository is created in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Paths that try to leave the root or smuggle a separator, each refused by every method.</summary>
    public static TheoryData<string> UnsafePaths =>
    [
        "..", "../escape", "a/../../escape", "a/./b", "./a", "/etc/passwd", "a//b", "C:/escape", "..\\escape", "a\\b",
        "%2e%2e", "%2E%2E/escape", "a/%2e%2e/%2e%2e/escape", "a%2Fb", "a%2f..%2f..%2fescape", "%2Fetc",
        "%252e%252e/escape", "%25252e%25252e", "a%5Cb", "a\0b", "a%00b", "a\nb",
    ];

    /// <summary>A new, empty repository.</summary>
    protected abstract Task<IArtifactRepository> CreateRepositoryAsync(CancellationToken cancellationToken);

    /// <summary>Releases the repository and whatever it holds (folders, objects).</summary>
    protected abstract ValueTask DisposeRepositoryAsync(IArtifactRepository repository);

    public async ValueTask InitializeAsync() => repository = await CreateRepositoryAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (repository is not null)
        {
            await DisposeRepositoryAsync(repository);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public void RootUri_HasNoTrailingSlash()
        => Assert.False(Repository.RootUri.EndsWith('/'), Repository.RootUri);

    [Fact]
    public async Task WriteAsync_NewFile_ReadsBackTheSameBytes()
    {
        await WriteTextAsync("model/weights.txt", "w=1.5");

        Assert.Equal("w=1.5", await ReadTextAsync("model/weights.txt"));
    }

    [Fact]
    public async Task WriteAsync_EmptyContent_CreatesAnEmptyFile()
    {
        await WriteTextAsync("empty.txt", "");

        Assert.Equal("", await ReadTextAsync("empty.txt"));
        Assert.Equal([new ArtifactInfo("empty.txt", false, 0)], await Repository.ListAsync(null, Ct));
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ReplacesItWhole()
    {
        await WriteTextAsync("data/a.txt", "old contents that are longer than the new ones");

        await WriteTextAsync("data/a.txt", "new");

        Assert.Equal("new", await ReadTextAsync("data/a.txt"));
        Assert.Equal([new ArtifactInfo("data/a.txt", false, 3)], await Repository.ListAsync("data", Ct));
    }

    [Fact]
    public async Task WriteAsync_NonAsciiAndSpaces_RoundTripAndList()
    {
        await WriteTextAsync("rapports d'été/résumé 1.txt", "ok");

        Assert.Equal("ok", await ReadTextAsync("rapports d'été/résumé 1.txt"));
        Assert.Equal([new ArtifactInfo("rapports d'été", true, null)], await Repository.ListAsync(null, Ct));
        Assert.Equal([new ArtifactInfo("rapports d'été/résumé 1.txt", false, 2)], await Repository.ListAsync("rapports d'été", Ct));
    }

    [Fact]
    public async Task WriteAsync_ContentFailsPartWay_KeepsThePreviousFile()
    {
        await WriteTextAsync("model.bin", "previous");

        await Assert.ThrowsAsync<IOException>(() => Repository.WriteAsync("model.bin", new PatternStream(10_000_000, seed: 1, failAfter: 9_000_000), Ct));

        Assert.Equal("previous", await ReadTextAsync("model.bin"));
        Assert.Equal([new ArtifactInfo("model.bin", false, 8)], await Repository.ListAsync(null, Ct));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersOfOnePath_EndWithOneWholeFile()
    {
        const int Writers = 8;
        const int Size = 3_000_000;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(
            () => Repository.WriteAsync("shared/big.bin", new MemoryStream(Enumerable.Repeat((byte)('a' + i), Size).ToArray()), Ct), Ct)));

        await using var stream = await Repository.OpenReadAsync("shared/big.bin", Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        var bytes = copy.ToArray();
        Assert.Equal(Size, bytes.Length);
        Assert.Single(bytes.Distinct());
        Assert.Equal([new ArtifactInfo("shared/big.bin", false, Size)], await Repository.ListAsync("shared", Ct));
    }

    [Theory]
    [InlineData(20_000_000, false)]
    [InlineData(20_000_000, true)]
    [InlineData(8 * 1024 * 1024, false)]
    [InlineData((8 * 1024 * 1024) + 1, true)]
    public async Task WriteAsync_LargeStreamedFile_RoundTripsEveryByte(int size, bool seekable)
    {
        Stream source = seekable ? new MemoryStream(PatternStream.Bytes(size, seed: 7)) : new PatternStream(size, seed: 7);

        await using (source)
        {
            await Repository.WriteAsync("large/blob.bin", source, Ct);
        }

        await using var stream = await Repository.OpenReadAsync("large/blob.bin", Ct);
        Assert.Equal(SHA256.HashData(PatternStream.Bytes(size, seed: 7)), await SHA256.HashDataAsync(stream, Ct));
        Assert.Equal([new ArtifactInfo("large/blob.bin", false, size)], await Repository.ListAsync("large", Ct));
    }

    [Fact]
    public async Task OpenReadAsync_MissingFile_ThrowsNotFoundNamingIt()
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Repository.OpenReadAsync("nope/missing.txt", Ct));

        Assert.Contains("nope/missing.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_Folder_ThrowsNotFound()
    {
        await WriteTextAsync("model/weights.txt", "w");

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Repository.OpenReadAsync("model", Ct));
    }

    [Fact]
    public async Task ListAsync_Root_ReturnsFilesAndFoldersOrderedByPathWithSizes()
    {
        await WriteTextAsync("b.txt", "12345");
        await WriteTextAsync("sub/c.txt", "1");
        await WriteTextAsync("a.txt", "");
        await WriteTextAsync("sub2/d.txt", "1");

        Assert.Equal(
            [new ArtifactInfo("a.txt", false, 0), new ArtifactInfo("b.txt", false, 5), new ArtifactInfo("sub", true, null), new ArtifactInfo("sub2", true, null)],
            await Repository.ListAsync(null, Ct));
        Assert.Equal(await Repository.ListAsync(null, Ct), await Repository.ListAsync("", Ct));
    }

    [Fact]
    public async Task ListAsync_NestedFolders_ReturnDirectChildrenWithPathsFromTheRoot()
    {
        await WriteTextAsync("a/b/c/d.txt", "abcd");
        await WriteTextAsync("a/b/e.txt", "e");

        Assert.Equal([new ArtifactInfo("a/b", true, null)], await Repository.ListAsync("a", Ct));
        Assert.Equal([new ArtifactInfo("a/b/c", true, null), new ArtifactInfo("a/b/e.txt", false, 1)], await Repository.ListAsync("a/b/", Ct));
        Assert.Equal([new ArtifactInfo("a/b/c/d.txt", false, 4)], await Repository.ListAsync("a/b/c", Ct));
    }

    [Fact]
    public async Task ListAsync_EmptyOrAbsentFolderOrAFile_ReturnsEmpty()
    {
        Assert.Empty(await Repository.ListAsync(null, Ct));

        await WriteTextAsync("data/only.txt", "x");
        await Repository.DeleteAsync("data/only.txt", Ct);

        Assert.Empty(await Repository.ListAsync("data", Ct));
        Assert.Empty(await Repository.ListAsync("nothing/here", Ct));
        await WriteTextAsync("file.txt", "x");
        Assert.Empty(await Repository.ListAsync("file.txt", Ct));
    }

    [Fact]
    public async Task ListAsync_FolderNamePrefixOfAnother_DoesNotMixThem()
    {
        await WriteTextAsync("run/x.txt", "1");
        await WriteTextAsync("run2/y.txt", "2");
        await WriteTextAsync("run.txt", "3");

        Assert.Equal([new ArtifactInfo("run/x.txt", false, 1)], await Repository.ListAsync("run", Ct));
    }

    [Fact]
    public async Task DeleteAsync_File_RemovesOnlyThatFile()
    {
        await WriteTextAsync("a.txt", "a");
        await WriteTextAsync("b.txt", "b");

        await Repository.DeleteAsync("a.txt", Ct);

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Repository.OpenReadAsync("a.txt", Ct));
        Assert.Equal([new ArtifactInfo("b.txt", false, 1)], await Repository.ListAsync(null, Ct));
    }

    [Fact]
    public async Task DeleteAsync_Folder_RemovesEverythingUnderItButNotItsLookalikes()
    {
        await WriteTextAsync("run/x.txt", "1");
        await WriteTextAsync("run/deep/er/y.txt", "2");
        await WriteTextAsync("run2/z.txt", "3");
        await WriteTextAsync("run.txt", "4");

        await Repository.DeleteAsync("run", Ct);

        Assert.Equal([new ArtifactInfo("run.txt", false, 1), new ArtifactInfo("run2", true, null)], await Repository.ListAsync(null, Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Repository.OpenReadAsync("run/deep/er/y.txt", Ct));
    }

    [Fact]
    public async Task DeleteAsync_Absent_DoesNothing()
    {
        await WriteTextAsync("keep.txt", "k");

        await Repository.DeleteAsync("absent/file.txt", Ct);
        await Repository.DeleteAsync("absent", Ct);

        Assert.Equal([new ArtifactInfo("keep.txt", false, 1)], await Repository.ListAsync(null, Ct));
    }

    [Fact]
    public async Task DeleteAsync_Root_RemovesEverything()
    {
        await WriteTextAsync("a.txt", "a");
        await WriteTextAsync("b/c.txt", "c");

        await Repository.DeleteAsync("", Ct);

        Assert.Empty(await Repository.ListAsync(null, Ct));
    }

    [Fact]
    public async Task WriteAsync_RootPath_ThrowsInvalidInput()
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Repository.WriteAsync("", new MemoryStream([1]), Ct));

    [Theory]
    [MemberData(nameof(UnsafePaths))]
    public async Task EveryMethod_UnsafePath_ThrowsInvalidInputNamingItAndTouchesNothing(string path)
    {
        await WriteTextAsync("keep.txt", "k");

        foreach (var call in new Func<Task>[]
        {
            () => Repository.WriteAsync(path, new MemoryStream([1, 2, 3]), Ct),
            () => Repository.OpenReadAsync(path, Ct),
            () => Repository.ListAsync(path, Ct),
            () => Repository.DeleteAsync(path, Ct),
        })
        {
            var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, call);
            Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal([new ArtifactInfo("keep.txt", false, 1)], await Repository.ListAsync(null, Ct));
        Assert.Equal("k", await ReadTextAsync("keep.txt"));
    }

    protected async Task WriteTextAsync(string path, string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await Repository.WriteAsync(path, content, Ct);
    }

    protected async Task<string> ReadTextAsync(string path)
    {
        await using var stream = await Repository.OpenReadAsync(path, Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct);
    }

    protected static async Task<GyreException> AssertThrowsGyreAsync(ErrorKind kind, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<GyreException>(action);
        Assert.Equal(kind, error.Kind);
        return error;
    }
}
