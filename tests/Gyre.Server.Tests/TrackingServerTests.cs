using System.Globalization;
using System.Net;
using Gyre.Core;
using Gyre.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Gyre.Server.Tests;

public sealed class TrackingServerTests
{
    [Theory]
    [InlineData("", "/tmp/a", "--backend-store-uri")]
    [InlineData("sqlite://", "/tmp/a", "--backend-store-uri")]
    [InlineData("sqlite:///", "/tmp/a", "--backend-store-uri")]
    [InlineData("mysql://u@h/db", "/tmp/a", "--backend-store-uri")]
    [InlineData("/plain/path.db", "/tmp/a", "--backend-store-uri")]
    [InlineData("postgresql://", "/tmp/a", "--backend-store-uri")]
    [InlineData("sqlite:///x.db", "", "--artifacts-destination")]
    [InlineData("sqlite:///x.db", "s3://", "--artifacts-destination")]
    [InlineData("sqlite:///x.db", "wasbs://container/x", "--artifacts-destination")]
    public void Validate_BadStoreOrDestination_NamesTheOption(string backend, string artifacts, string option)
    {
        var options = new TrackingServerOptions { BackendStoreUri = backend, ArtifactsDestination = artifacts };

        var error = Assert.Throws<GyreException>(options.Validate);

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Validate_PortOutOfRange_NamesPort(int port)
    {
        var options = new TrackingServerOptions { BackendStoreUri = "sqlite:///x.db", ArtifactsDestination = "a", Port = port };

        Assert.Contains("--port", Assert.Throws<GyreException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:////srv/gyre/gyre.db")]
    [InlineData("sqlite:///relative.db")]
    [InlineData("postgresql://user:pw@127.0.0.1:5432/gyre")]
    [InlineData("postgres://user@localhost/gyre")]
    [InlineData("postgresql+psycopg2://user:pw@db/gyre")]
    public void Validate_MlflowStyleUris_AreAccepted(string backend)
    {
        var options = new TrackingServerOptions { BackendStoreUri = backend, ArtifactsDestination = "s3://bucket/prefix" };

        options.Validate();
    }

    [Fact]
    public async Task StartAsync_AbsoluteSqliteUriAndPortZero_ListensOnAFreePortOverThatFile()
    {
        using var folder = new TempFolder();
        var database = folder.Combine("nested", "t.db");

        await using var server = await TrackingServer.StartAsync(
            new TrackingServerOptions { BackendStoreUri = "sqlite:///" + database, ArtifactsDestination = folder.Combine("a"), Port = 0 },
            TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.NotEqual(0, server.Address.Port);
        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task StartAsync_PortInUse_FailsNamingTheAddress()
    {
        using var folder = new TempFolder();
        var options = new TrackingServerOptions { BackendStoreUri = "sqlite:///" + folder.Combine("t.db"), ArtifactsDestination = folder.Combine("a"), Port = 0 };
        await using var first = await TrackingServer.StartAsync(options, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<GyreException>(() => TrackingServer.StartAsync(options with { Port = first.Address.Port }, TestContext.Current.CancellationToken));

        Assert.Contains("--port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreFailure_Is500InternalErrorWithoutStackTraceWhichGoesToTheErrorLog()
    {
        using var folder = new TempFolder();
        var database = folder.Combine("t.db");
        using var log = new StringWriter(CultureInfo.InvariantCulture);
        await using var server = await TrackingServer.StartAsync(
            new TrackingServerOptions { BackendStoreUri = "sqlite:///" + database, ArtifactsDestination = folder.Combine("a"), Port = 0, ErrorLog = log },
            TestContext.Current.CancellationToken);
        using var client = new MlflowHttp(server.Address);

        // A failure the server cannot anticipate: a table of the store vanishes under it.
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE experiment_tags";
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var result = await client.GetAsync("experiments/get?experiment_id=0");

        var message = result.AssertError(HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.Contains("GET /api/2.0/mlflow/experiments/get", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("   at ", log.ToString(), StringComparison.Ordinal);
    }
}
