using System.Text;
using Gyre.Core;
using Gyre.Data.Csv;
using Gyre.Data.Reading;

namespace Gyre.Data.Tests.Csv;

public sealed class CsvRecordReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<(long Line, string?[] Fields)>> ReadAllAsync(CsvRecordReader reader)
    {
        var records = new List<(long, string?[])>();
        while (await reader.ReadAsync(Ct))
        {
            records.Add((reader.Line, reader.Current.ToArray()));
        }

        return records;
    }

    [Fact]
    public async Task ReadAsync_QuotedFieldsWithDelimitersQuotesAndNewlines_ParsesFieldsAndStartLines()
    {
        var path = _temp.Write("q.csv", "id,text,n\n1,\"a, b\",2\n2,\"say \"\"hi\"\"\nsecond line\",3\n3,plain,4\n");
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        var records = await ReadAllAsync(reader);
        Assert.Equal(["id", "text", "n"], reader.ColumnNames);
        Assert.Equal(3, records.Count);
        Assert.Equal("a, b", records[0].Fields[1]);
        Assert.Equal("say \"hi\"\nsecond line", records[1].Fields[1]);
        Assert.Equal([2L, 3L, 5L], records.Select(r => r.Line));
    }

    [Fact]
    public async Task ReadAsync_CrlfAndBom_ReadsLikeLf()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        var path = _temp.WriteBytes("crlf.csv", [.. bom, .. Encoding.UTF8.GetBytes("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n")]);
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        var records = await ReadAllAsync(reader);
        Assert.Equal(["a", "b"], reader.ColumnNames);
        Assert.Equal(2, records.Count);
        Assert.Equal("x\r\ny", records[0].Fields[1]);
        Assert.Equal(4, records[1].Line);
        Assert.Equal("z", records[1].Fields[1]);
    }

    [Fact]
    public async Task ReadAsync_NoTrailingNewlineAndBlankLines_ReadsEveryRecordOnce()
    {
        var path = _temp.Write("tail.csv", "a,b\n\n1,2\n\n3,4");
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        var records = await ReadAllAsync(reader);
        Assert.Equal([3L, 5L], records.Select(r => r.Line));
        Assert.Equal("4", records[1].Fields[1]);
    }

    [Fact]
    public async Task ReadAsync_DefaultMissingMarkers_AreNull()
    {
        string[] markers = ["", "NA", "n/a", " NaN ", "NULL", "?"];
        var path = _temp.Write("m.csv", "x\n" + string.Join("\n", markers.Select(m => $"\"{m}\"")) + "\nvalue\n");
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        var records = await ReadAllAsync(reader);
        Assert.Equal(markers.Length + 1, records.Count);
        Assert.All(records.Take(markers.Length), r => Assert.Null(r.Fields[0]));
        Assert.Equal("value", records[^1].Fields[0]);
    }

    [Fact]
    public async Task ReadAsync_CustomMissingMarkers_ReplaceDefaults()
    {
        var path = _temp.Write("m.csv", "x,y\n-999,NA\n");
        await using var reader = await CsvRecordReader.OpenAsync(path, new ReadOptions { MissingMarkers = ["-999"] }, Ct);
        var records = await ReadAllAsync(reader);
        Assert.Null(records[0].Fields[0]);
        Assert.Equal("NA", records[0].Fields[1]);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task OpenAsync_DelimiterNotGiven_DetectsIt(char delimiter)
    {
        var d = delimiter.ToString();
        var path = _temp.Write("d.csv", $"a{d}b{d}c\n1{d}\"x,y;z|w\"{d}3\n4{d}5{d}6\n");
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        Assert.Equal(delimiter, reader.Delimiter);
        var records = await ReadAllAsync(reader);
        Assert.Equal("x,y;z|w", records[0].Fields[1]);
    }

    [Fact]
    public async Task OpenAsync_DelimiterGiven_OverridesDetection()
    {
        var path = _temp.Write("d.csv", "a;b,c\n1;2,3\n");
        await using var reader = await CsvRecordReader.OpenAsync(path, new ReadOptions { Delimiter = ';' }, Ct);
        Assert.Equal(["a", "b,c"], reader.ColumnNames);
    }

    [Fact]
    public async Task OpenAsync_MissingFile_ThrowsNotFoundNamingFile()
    {
        var path = _temp.File("absent.csv");
        var ex = await Assert.ThrowsAsync<GyreException>(() => CsvRecordReader.OpenAsync(path, cancellationToken: Ct));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Contains("absent.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_EmptyFile_ThrowsInvalidInputNamingFile()
    {
        var path = _temp.Write("empty.csv", "");
        var ex = await Assert.ThrowsAsync<GyreException>(() => CsvRecordReader.OpenAsync(path, cancellationToken: Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("empty.csv is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_DuplicateHeaderName_ThrowsNamingLineColumnAndName()
    {
        var path = _temp.Write("dup.csv", "a,b,a\n1,2,3\n");
        var ex = await Assert.ThrowsAsync<GyreException>(() => CsvRecordReader.OpenAsync(path, cancellationToken: Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("dup.csv line 1, column 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_EmptyHeaderName_ThrowsNamingLineAndColumn()
    {
        var path = _temp.Write("blank.csv", "a, ,c\n1,2,3\n");
        var ex = await Assert.ThrowsAsync<GyreException>(() => CsvRecordReader.OpenAsync(path, cancellationToken: Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("blank.csv line 1, column 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_RaggedRow_ThrowsNamingLineAndCounts()
    {
        var path = _temp.Write("ragged.csv", "a,b,c\n1,2,3\n4,\"x\ny\",6\n7,8\n");
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        var ex = await Assert.ThrowsAsync<GyreException>(() => ReadAllAsync(reader));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("ragged.csv line 5: expected 3 fields, found 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UnterminatedQuote_ThrowsNamingStartLineAndColumn()
    {
        var path = _temp.Write("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n");
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        var ex = await Assert.ThrowsAsync<GyreException>(() => ReadAllAsync(reader));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("quote.csv line 3, column 'b'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unterminated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TextAfterClosingQuote_ThrowsNamingLineAndColumn()
    {
        var path = _temp.Write("junk.csv", "a,b\n1,\"x\"y\n");
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        var ex = await Assert.ThrowsAsync<GyreException>(() => ReadAllAsync(reader));
        Assert.Contains("junk.csv line 2, column 'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_ThrowsInvalidInputNamingFile()
    {
        var path = _temp.WriteBytes("bad.csv", [.. Encoding.UTF8.GetBytes("a\n"), 0xC3, 0x28, (byte)'\n']);
        var ex = await Assert.ThrowsAsync<GyreException>(async () =>
        {
            await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
            await ReadAllAsync(reader);
        });
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("bad.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_RecordsSpanningManyBuffers_StreamsAllWithCorrectLines()
    {
        // Each record holds a 1,000-character quoted field with a line break, so records straddle the 64 K buffer.
        var builder = new StringBuilder("id,text\n");
        var payload = new string('x', 500) + "\n" + new string('y', 500);
        const int Rows = 500;
        for (var i = 0; i < Rows; i++)
        {
            builder.Append(i).Append(",\"").Append(payload).Append("\"\n");
        }

        var path = _temp.Write("big.csv", builder.ToString());
        await using var reader = await CsvRecordReader.OpenAsync(path, cancellationToken: Ct);
        var records = await ReadAllAsync(reader);
        Assert.Equal(Rows, records.Count);
        Assert.All(records, r => Assert.Equal(payload, r.Fields[1]));
        Assert.Equal(2 + (2 * (Rows - 1)), records[^1].Line);
    }

    [Fact]
    public async Task OpenAsync_TsvExtension_DefaultsToTab()
    {
        var path = _temp.Write("t.tsv", "a,x\tb\n1,2\t3\n");
        await using var reader = await DataFile.OpenAsync(path, cancellationToken: Ct);
        Assert.Equal(["a,x", "b"], reader.ColumnNames);
    }

    [Fact]
    public async Task OpenAsync_UnsupportedExtension_ThrowsNamingExtension()
    {
        var path = _temp.Write("data.json", "{}");
        var ex = await Assert.ThrowsAsync<GyreException>(() => DataFile.OpenAsync(path, cancellationToken: Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains(".json", ex.Message, StringComparison.Ordinal);
    }
}
