using Gyre.Core;
using Gyre.Tracking.Artifacts;

namespace Gyre.Tracking.Tests.Artifacts;

public sealed class LocalArtifactStoreTests : IDisposable
{
    private static readonly ExperimentId Experiment = new("3");
    private static readonly RunId Run = new("0123456789abcdef0123456789abcdef");

    private readonly TemporaryFolder folder = new();
    private readonly LocalArtifactStore store;

    public LocalArtifactStoreTests() => store = new LocalArtifactStore(folder.Combine("artifacts"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string RunRoot => folder.Combine("artifacts", "3", Run.Value, "artifacts");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void GetArtifactUri_LocalRoot_IsFileUriOfTheRunFolder()
        => Assert.Equal(new Uri(RunRoot).AbsoluteUri, store.GetArtifactUri(Experiment, Run));

    [Fact]
    public async Task LogArtifact_FileWithoutArtifactPath_LandsAtRootKeepingItsName()
    {
        var source = await WriteSourceAsync("model.bin", "weights");

        await store.LogArtifactAsync(Experiment, Run, source, null, Ct);

        Assert.Equal("weights", await File.ReadAllTextAsync(Path.Combine(RunRoot, "model.bin"), Ct));
    }

    [Fact]
    public async Task LogArtifact_FileWithArtifactPath_LandsInThatFolder()
    {
        var source = await WriteSourceAsync("model.bin", "weights");

        await store.LogArtifactAsync(Experiment, Run, source, "models/best", Ct);

        Assert.Equal("weights", await File.ReadAllTextAsync(Path.Combine(RunRoot, "models", "best", "model.bin"), Ct));
    }

    [Fact]
    public async Task LogArtifact_Folder_CopiesItsContentsRecursively()
    {
        await WriteSourceAsync(Path.Combine("report", "index.html"), "<html/>");
        await WriteSourceAsync(Path.Combine("report", "img", "roc.png"), "png");
        Directory.CreateDirectory(folder.Combine("source", "report", "empty"));

        await store.LogArtifactAsync(Experiment, Run, folder.Combine("source", "report"), "report", Ct);

        Assert.Equal("<html/>", await File.ReadAllTextAsync(Path.Combine(RunRoot, "report", "index.html"), Ct));
        Assert.Equal("png", await File.ReadAllTextAsync(Path.Combine(RunRoot, "report", "img", "roc.png"), Ct));
        Assert.True(Directory.Exists(Path.Combine(RunRoot, "report", "empty")));
    }

    [Fact]
    public async Task LogArtifact_MissingLocalPath_ThrowsNotFoundNamingIt()
    {
        var missing = folder.Combine("nope.txt");

        var error = await Assert.ThrowsAsync<GyreException>(() => store.LogArtifactAsync(Experiment, Run, missing, null, Ct));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogArtifact_ExistingFile_IsReplacedWholeWithNoTemporaryFilesLeft()
    {
        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("a.txt", "old contents that are longer"), "data", Ct);

        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("a.txt", "new"), "data", Ct);

        Assert.Equal("new", await File.ReadAllTextAsync(Path.Combine(RunRoot, "data", "a.txt"), Ct));
        Assert.Equal(["a.txt"], Directory.GetFileSystemEntries(Path.Combine(RunRoot, "data")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task LogArtifact_ConcurrentWritersOfOneFile_LeaveOneCompleteVersion()
    {
        var sources = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            sources.Add(await WriteSourceAsync(Path.Combine($"w{i}", "big.txt"), new string((char)('a' + i), 200_000)));
        }

        await Task.WhenAll(sources.Select(s => Task.Run(() => store.LogArtifactAsync(Experiment, Run, s, null, Ct), Ct)));

        var text = await File.ReadAllTextAsync(Path.Combine(RunRoot, "big.txt"), Ct);
        Assert.Equal(200_000, text.Length);
        Assert.Single(text.Distinct());
        Assert.Single(Directory.GetFileSystemEntries(RunRoot));
    }

    [Fact]
    public async Task ListArtifacts_Root_ReturnsChildrenWithSizesOrderedByPath()
    {
        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("b.txt", "12345"), null, Ct);
        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("c.txt", "1"), "sub", Ct);
        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("a.txt", ""), null, Ct);

        var items = await store.ListArtifactsAsync(Experiment, Run, null, Ct);

        Assert.Equal(
            [new ArtifactInfo("a.txt", false, 0), new ArtifactInfo("b.txt", false, 5), new ArtifactInfo("sub", true, null)],
            items);
    }

    [Fact]
    public async Task ListArtifacts_SubFolder_ReturnsPathsRelativeToTheRunRoot()
    {
        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("c.txt", "abc"), "sub/deeper", Ct);

        Assert.Equal([new ArtifactInfo("sub/deeper", true, null)], await store.ListArtifactsAsync(Experiment, Run, "sub", Ct));
        Assert.Equal([new ArtifactInfo("sub/deeper/c.txt", false, 3)], await store.ListArtifactsAsync(Experiment, Run, "sub/deeper/", Ct));
    }

    [Fact]
    public async Task ListArtifacts_AbsentRunOrFolder_ReturnsEmpty()
    {
        Assert.Empty(await store.ListArtifactsAsync(Experiment, Run, null, Ct));
        Assert.Empty(await store.ListArtifactsAsync(Experiment, Run, "nothing/here", Ct));
    }

    [Fact]
    public async Task OpenArtifact_LoggedFile_ReadsItsBytes()
    {
        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("m.json", "{\"a\":1}"), "model", Ct);

        await using var stream = await store.OpenArtifactAsync(Experiment, Run, "model/m.json", Ct);
        using var reader = new StreamReader(stream);

        Assert.Equal("{\"a\":1}", await reader.ReadToEndAsync(Ct));
    }

    [Theory]
    [InlineData("missing.txt")]
    [InlineData("model")]
    public async Task OpenArtifact_AbsentFileOrFolder_ThrowsNotFound(string path)
    {
        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("m.json", "{}"), "model", Ct);

        var error = await Assert.ThrowsAsync<GyreException>(() => store.OpenArtifactAsync(Experiment, Run, path, Ct));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLocalPath_FileAndFolder_ReturnsTheirPathsUnderTheRunRoot()
    {
        await store.LogArtifactAsync(Experiment, Run, await WriteSourceAsync("m.json", "{}"), "model", Ct);

        Assert.Equal(Path.Combine(RunRoot, "model", "m.json"), await store.GetLocalPathAsync(Experiment, Run, "model/m.json", Ct));
        Assert.Equal(Path.Combine(RunRoot, "model"), await store.GetLocalPathAsync(Experiment, Run, "model", Ct));
    }

    [Fact]
    public async Task GetLocalPath_Absent_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<GyreException>(() => store.GetLocalPathAsync(Experiment, Run, "nope", Ct));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("a/./b")]
    [InlineData("/etc")]
    [InlineData("a//b")]
    [InlineData("..\\escape")]
    [InlineData("a\\b")]
    [InlineData("%2e%2e/escape")]
    [InlineData("a%2f..%2f..%2fescape")]
    [InlineData("C:/escape")]
    public async Task EveryMethod_PathEscapingTheRoot_ThrowsInvalidInputNamingThePath(string path)
    {
        var source = await WriteSourceAsync("x.txt", "x");

        foreach (var call in new Func<Task>[]
        {
            () => store.LogArtifactAsync(Experiment, Run, source, path, Ct),
            () => store.ListArtifactsAsync(Experiment, Run, path, Ct),
            () => store.OpenArtifactAsync(Experiment, Run, path, Ct),
            () => store.GetLocalPathAsync(Experiment, Run, path, Ct),
        })
        {
            var error = await Assert.ThrowsAsync<GyreException>(call);
            Assert.Equal(ErrorKind.InvalidInput, error.Kind);
            Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["x.txt"], Directory.GetFiles(folder.Combine("source")).Select(Path.GetFileName));
        Assert.False(Directory.Exists(folder.Combine("artifacts")));
    }

    [Theory]
    [InlineData("../3", "0123456789abcdef0123456789abcdef")]
    [InlineData("3", "../../x")]
    public async Task LogArtifact_IdsThatAreNotPlainNames_ThrowInvalidInput(string experimentId, string runId)
    {
        var source = await WriteSourceAsync("x.txt", "x");

        var error = await Assert.ThrowsAsync<GyreException>(() => store.LogArtifactAsync(new ExperimentId(experimentId), new RunId(runId), source, null, Ct));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    private async Task<string> WriteSourceAsync(string relativePath, string contents)
    {
        var path = folder.Combine("source", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, contents, Ct);
        return path;
    }
}
