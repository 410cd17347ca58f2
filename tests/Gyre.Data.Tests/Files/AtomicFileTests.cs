using Gyre.Data.Files;

namespace Gyre.Data.Tests.Files;

public sealed class AtomicFileTests
{
    [Fact]
    public async Task WriteAllTextAsync_NewFolder_CreatesFileWithoutBom()
    {
        using var folder = new TempFolder();
        var path = folder.File(Path.Combine("sub", "a.json"));

        await AtomicFile.WriteAllTextAsync(path, "{\"é\":1}", TestContext.Current.CancellationToken);

        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal((byte)'{', bytes[0]);
        Assert.Equal("{\"é\":1}", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_WriterThrows_KeepsPreviousFileAndLeavesNoTempFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.csv", "old\n");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async writer =>
        {
            await writer.WriteLineAsync("half of the new");
            throw new InvalidOperationException("crash mid-write");
        }, TestContext.Current.CancellationToken));

        Assert.Equal("old\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(["data.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }
}
