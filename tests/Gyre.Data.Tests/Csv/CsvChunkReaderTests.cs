using Gyre.Core;
using Gyre.Data.Csv;
using Gyre.Data.Reading;

namespace Gyre.Data.Tests.Csv;

/// <summary>
/// The chunked byte reader (batch scoring's fast path) against the streaming <see cref="CsvRecordReader"/>: same
/// records, fields and start lines whatever the chunk size, and malformed records kept and named instead of thrown.
/// </summary>
public sealed class CsvChunkReaderTests : IDisposable
{
    private const string Tricky =
        "\uFEFFid,text,n\r\n" +
        "1,\"a, b\",2\r\n" +
        "\r\n" +
        "2,\"say \"\"hi\"\"\nsecond line\",3\n" +
        "3,plain,4\n" +
        "\n" +
        "4,\"x\"  ,5\n" +
        "5,ünïcødé,6\n" +
        "6,,7\n" +
        "7,\"crlf\r\ninside\",8\n" +
        "8,last,9";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    public async Task ReadChunkAsync_AnyChunkSize_GivesTheStreamingReadersRecordsAndLines(int chunkRecords)
    {
        var path = _temp.Write("tricky.csv", Tricky);
        var expected = new List<(long Line, string[] Fields)>();
        await using (var reader = await CsvRecordReader.OpenAsync(path, new ReadOptions { MissingMarkers = [] }, Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                expected.Add((reader.Line, [.. reader.Current.Select(f => f ?? string.Empty)]));
            }
        }

        var actual = await ReadAllAsync(path, chunkRecords);

        Assert.Equal(8, expected.Count);
        Assert.Equal(expected.Select(e => e.Line), actual.Select(a => a.Line));
        Assert.Equal(expected.Select(e => string.Join("|", e.Fields)), actual.Select(a => string.Join("|", a.Fields)));
    }

    [Fact]
    public async Task ReadChunkAsync_RawFieldsOfACommaFile_AreTheFieldsAsWritten()
    {
        var path = _temp.Write("raw.csv", "a,b\n\"x,\"\"y\"\"\",2\n");
        await using var reader = (await CsvChunkReader.OpenAsync(path, cancellationToken: Ct))!;
        var records = new CsvChunkRecords((await reader.ReadChunkAsync(10, Ct))!);

        Assert.Equal("\"x,\"\"y\"\"\"", System.Text.Encoding.UTF8.GetString(records.RawField(0, 0)));
        Assert.Equal("x,\"y\"", records.Text(0, 0));
        Assert.Equal("\"x,\"\"y\"\"\",2", System.Text.Encoding.UTF8.GetString(records.RawRecord(0)));
    }

    [Fact]
    public async Task ReadChunkAsync_WrongFieldCountOrTextAfterQuote_MarksOnlyThoseRecordsMalformed()
    {
        var path = _temp.Write("bad.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n\"x\"y,1,2\n10,11,12\n");
        var records = new CsvChunkRecords((await ReadOneChunkAsync(path))!);

        Assert.Equal(5, records.Count);
        Assert.Null(records.MalformedReason(0));
        Assert.Equal("the record has 2 field(s); the header has 3", records.MalformedReason(1));
        Assert.Equal("the record has 4 field(s); the header has 3", records.MalformedReason(2));
        Assert.Contains("closing quote", records.MalformedReason(3), StringComparison.Ordinal);
        Assert.Null(records.MalformedReason(4));
        Assert.Equal([2L, 3L, 4L, 5L, 6L], Enumerable.Range(0, 5).Select(records.LineOf));
        Assert.Equal("12", records.Text(4, 2));
    }

    [Fact]
    public async Task ReadChunkAsync_QuoteNeverClosed_FailsNamingFileAndLine()
    {
        var path = _temp.Write("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
        await using var reader = (await CsvChunkReader.OpenAsync(path, cancellationToken: Ct))!;

        var error = await Assert.ThrowsAsync<GyreException>(async () => await reader.ReadChunkAsync(100, Ct));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"{path} line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_SemicolonFile_DetectsTheDelimiter()
    {
        var path = _temp.Write("semi.csv", "a;b\n1,5;x\n2;\"y;z\"\n");
        var records = new CsvChunkRecords((await ReadOneChunkAsync(path))!);

        Assert.Equal((byte)';', records.Chunk.Delimiter);
        Assert.Equal(["1,5", "x", "2", "y;z"], new[] { records.Text(0, 0), records.Text(0, 1), records.Text(1, 0), records.Text(1, 1) });
    }

    [Fact]
    public async Task OpenAsync_LoneCarriageReturnLineEnds_LeavesTheFileToTheStreamingReader()
    {
        var path = _temp.Write("cr.csv", "a,b\r1,2\r3,4\r");

        Assert.Null(await CsvChunkReader.OpenAsync(path, cancellationToken: Ct));
    }

    [Fact]
    public async Task ReadChunkAsync_HeaderOnly_GivesNoChunk()
    {
        var path = _temp.Write("empty.csv", "a,b\n");
        await using var reader = (await CsvChunkReader.OpenAsync(path, cancellationToken: Ct))!;

        Assert.Null(await reader.ReadChunkAsync(10, Ct));
    }

    [Fact]
    public async Task ReadChunkAsync_LargeFile_ChunksHoldAtMostTheAskedRecordsAndCoverEveryLine()
    {
        var lines = Enumerable.Range(1, 5000).Select(i => $"{i},\"text {i}\",{i * 0.5}").ToList();
        var path = _temp.Write("big.csv", "id,text,half\n" + string.Join("\n", lines) + "\n");
        await using var reader = (await CsvChunkReader.OpenAsync(path, cancellationToken: Ct))!;
        var ids = new List<string>();
        var sizes = new List<int>();
        while (await reader.ReadChunkAsync(777, Ct) is { } chunk)
        {
            var records = new CsvChunkRecords(chunk);
            sizes.Add(records.Count);
            ids.AddRange(Enumerable.Range(0, records.Count).Select(r => records.Text(r, 0)));
            Assert.Equal(long.Parse(records.Text(0, 0), System.Globalization.CultureInfo.InvariantCulture) + 1, records.LineOf(0));
        }

        Assert.Equal(Enumerable.Range(1, 5000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids);
        Assert.All(sizes, size => Assert.InRange(size, 1, 777));
        Assert.Equal(new FileInfo(path).Length, reader.Position);
    }

    private static async Task<CsvChunk?> ReadOneChunkAsync(string path)
    {
        await using var reader = (await CsvChunkReader.OpenAsync(path, cancellationToken: Ct))!;
        return await reader.ReadChunkAsync(1000, Ct);
    }

    private static async Task<List<(long Line, string[] Fields)>> ReadAllAsync(string path, int chunkRecords)
    {
        var result = new List<(long, string[])>();
        await using var reader = (await CsvChunkReader.OpenAsync(path, cancellationToken: Ct))!;
        while (await reader.ReadChunkAsync(chunkRecords, Ct) is { } chunk)
        {
            var records = new CsvChunkRecords(chunk);
            for (var r = 0; r < records.Count; r++)
            {
                Assert.Null(records.MalformedReason(r));
                result.Add((records.LineOf(r), [.. Enumerable.Range(0, chunk.ColumnCount).Select(c => records.Text(r, c))]));
            }
        }

        return result;
    }
}
