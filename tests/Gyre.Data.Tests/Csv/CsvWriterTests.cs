using Gyre.Data.Csv;
using Gyre.Data.Reading;

namespace Gyre.Data.Tests.Csv;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Escape_Field_QuotesOnlyWhenNeeded(string? field, string expected) => Assert.Equal(expected, CsvWriter.Escape(field));

    [Fact]
    public async Task CommitAsync_TrickyFields_RoundTripThroughTheReader()
    {
        using var folder = new TempFolder();
        var path = folder.File("out.csv");
        string?[] row = ["a,b", "say \"hi\"", "two\nlines", null];
        await using (var writer = new CsvWriter(path, ["w", "x", "y", "z"]))
        {
            writer.WriteRow(row);
            await writer.CommitAsync(TestContext.Current.CancellationToken);
        }

        await using var reader = await DataFile.OpenAsync(path, null, TestContext.Current.CancellationToken);
        Assert.Equal(["w", "x", "y", "z"], reader.ColumnNames);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(row, reader.Current);
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DisposeAsync_WithoutCommit_LeavesTargetUntouchedAndNoTempFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("out.csv", "previous\n");
        await using (var writer = new CsvWriter(path, ["a"]))
        {
            writer.WriteRow(["new"]);
        }

        Assert.Equal("previous\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
