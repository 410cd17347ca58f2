using Gyre.Core;
using Gyre.Data.Schema;
using Gyre.Data.Tables;

namespace Gyre.Data.Tests.Schema;

public sealed class DatasetSchemaJsonTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsyncThenLoadAsync_RoundTripsSchema()
    {
        var schema = new DatasetSchema(
        [
            new ColumnSchema("age", ColumnType.Numeric, false),
            new ColumnSchema("city", ColumnType.Categorical, true, ["Lyon", "Paris"]),
            new ColumnSchema("when", ColumnType.DateTime),
            new ColumnSchema("ok", ColumnType.Boolean),
            new ColumnSchema("note", ColumnType.Text),
        ]);
        var path = _temp.File("sub/schema.json");
        await DatasetSchemaJson.SaveAsync(schema, path, Ct);
        Assert.Equal(schema, await DatasetSchemaJson.LoadAsync(path, Ct));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Theory]
    [InlineData("{\"format_version\":1,\"columns\":[{\"name\":\"a\",\"type\":\"numbr\"}]}", "columns[0].type")]
    [InlineData("{\"format_version\":1,\"columns\":[{\"type\":\"numeric\"}]}", "columns[0].name")]
    [InlineData("{\"format_version\":1,\"columns\":[{\"name\":\"a\",\"type\":\"text\",\"nullable\":\"yes\"}]}", "columns[0].nullable")]
    [InlineData("{\"format_version\":1,\"columns\":[{\"name\":\"a\",\"type\":\"numeric\",\"categories\":[\"x\"]}]}", "columns[0].categories")]
    [InlineData("{\"format_version\":2,\"columns\":[]}", "format_version")]
    [InlineData("{\"format_version\":1}", "columns")]
    public async Task LoadAsync_MalformedField_ThrowsNamingFileAndField(string json, string field)
    {
        var path = _temp.Write("bad.json", json);
        var ex = await Assert.ThrowsAsync<GyreException>(() => DatasetSchemaJson.LoadAsync(path, Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("bad.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NotJson_ThrowsNamingFile()
    {
        var path = _temp.Write("junk.json", "{not json");
        var ex = await Assert.ThrowsAsync<GyreException>(() => DatasetSchemaJson.LoadAsync(path, Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("junk.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNotFound()
    {
        var ex = await Assert.ThrowsAsync<GyreException>(() => DatasetSchemaJson.LoadAsync(_temp.File("none.json"), Ct));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
    }
}
