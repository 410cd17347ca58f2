using Gyre.Core;
using Gyre.Stores.Postgres;
using Npgsql;

namespace Gyre.Tracking.Tests.Postgres;

public sealed class PostgresConnectionTests
{
    [Theory]
    [InlineData("postgresql://alice:s3cret@db.example.com:6543/tracking", "db.example.com", 6543, "alice", "s3cret", "tracking")]
    [InlineData("postgres://alice@db.example.com/tracking", "db.example.com", 5432, "alice", null, "tracking")]
    [InlineData("postgresql+psycopg2://alice:pw@10.0.0.5:5433/mlflow", "10.0.0.5", 5433, "alice", "pw", "mlflow")]
    [InlineData("postgresql://us%40er:p%3Aw%2Fd@host/db%20name", "host", 5432, "us@er", "p:w/d", "db name")]
    [InlineData("postgresql://alice@[::1]:5432/db", "::1", 5432, "alice", null, "db")]
    public void Parse_Uri_ReadsEveryPart(string uri, string host, int port, string user, string? password, string database)
    {
        var settings = PostgresConnection.Parse(uri);

        Assert.Equal(host, settings.Host);
        Assert.Equal(port, settings.Port);
        Assert.Equal(user, settings.Username);
        Assert.Equal(password, settings.Password);
        Assert.Equal(database, settings.Database);
    }

    [Fact]
    public void Parse_UriWithLibpqParameters_MapsThemToNpgsql()
    {
        var settings = PostgresConnection.Parse(
            "postgresql://u@h/db?sslmode=verify-full&connect_timeout=7&application_name=gyre%20server&host=/var/run/postgresql");

        Assert.Equal(SslMode.VerifyFull, settings.SslMode);
        Assert.Equal(7, settings.Timeout);
        Assert.Equal("gyre server", settings.ApplicationName);
        Assert.Equal("/var/run/postgresql", settings.Host);
    }

    [Fact]
    public void Parse_NpgsqlConnectionString_IsTakenAsIs()
    {
        var settings = PostgresConnection.Parse("Host=h;Port=7777;Username=u;Password=p;Database=d");

        Assert.Equal(("h", 7777, "u", "p", "d"), (settings.Host, settings.Port, settings.Username, settings.Password, settings.Database));
    }

    [Theory]
    [InlineData("")]
    [InlineData("postgresql://u:topsecret@h/db?no_such_option=1")]
    [InlineData("postgresql://u@h/db?sslmode=sometimes")]
    [InlineData("Host=h;Bogus Key=1")]
    public void Parse_Malformed_ThrowsInvalidInputWithoutThePassword(string connection)
    {
        var error = Assert.Throws<GyreException>(() => PostgresConnection.Parse(connection));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Settings_NamesHostPortAndDatabaseButNoPassword()
    {
        var described = PostgresConnection.Describe(PostgresConnection.Parse("postgresql://u:topsecret@h:1234/db"));

        Assert.Equal("h:1234/db", described);
    }
}
