using Gyre.Core;

namespace Gyre.Stores.S3.Tests;

public sealed class S3ConnectionSettingsTests
{
    [Fact]
    public void FromEnvironment_Nothing_LeavesEverythingToTheSdk()
        => Assert.Equal(new S3ConnectionSettings(), S3ConnectionSettings.FromEnvironment(_ => null));

    [Fact]
    public void FromEnvironment_EverySetting_IsRead()
    {
        var settings = S3ConnectionSettings.FromEnvironment(Variables(
            ("MLFLOW_S3_ENDPOINT_URL", "http://minio:9000"),
            ("AWS_ACCESS_KEY_ID", "key"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "token"),
            ("AWS_DEFAULT_REGION", "eu-west-1")));

        Assert.Equal(
            new S3ConnectionSettings
            {
                ServiceUrl = new Uri("http://minio:9000"),
                AccessKey = "key",
                SecretKey = "secret",
                SessionToken = "token",
                Region = "eu-west-1",
                ForcePathStyle = true,
            },
            settings);
    }

    [Theory]
    [InlineData("http://a:1", "http://b:2", "http://c:3", "http://a:1/")]
    [InlineData(null, "http://b:2", "http://c:3", "http://b:2/")]
    [InlineData(" ", null, "http://c:3", "http://c:3/")]
    public void FromEnvironment_Endpoint_PrefersMlflowThenS3SpecificThenGeneral(string? mlflow, string? s3, string? general, string expected)
    {
        var settings = S3ConnectionSettings.FromEnvironment(Variables(("MLFLOW_S3_ENDPOINT_URL", mlflow), ("AWS_ENDPOINT_URL_S3", s3), ("AWS_ENDPOINT_URL", general)));

        Assert.Equal(expected, settings.ServiceUrl!.AbsoluteUri);
        Assert.True(settings.ForcePathStyle);
    }

    [Fact]
    public void FromEnvironment_BothRegions_PrefersAwsRegion()
        => Assert.Equal("us-west-2", S3ConnectionSettings.FromEnvironment(Variables(("AWS_DEFAULT_REGION", "eu-west-1"), ("AWS_REGION", "us-west-2"))).Region);

    [Theory]
    [InlineData("minio:9000")]
    [InlineData("ftp://minio")]
    [InlineData("not a url")]
    public void FromEnvironment_EndpointNotAnHttpUrl_ThrowsInvalidInputNamingTheVariable(string value)
    {
        var error = Assert.Throws<GyreException>(() => S3ConnectionSettings.FromEnvironment(Variables(("AWS_ENDPOINT_URL_S3", value))));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("AWS_ENDPOINT_URL_S3", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")]
    [InlineData("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID")]
    public void FromEnvironment_OneKeyWithoutTheOther_ThrowsInvalidInputNamingTheMissingOne(string present, string missing)
    {
        var error = Assert.Throws<GyreException>(() => S3ConnectionSettings.FromEnvironment(Variables((present, "x"))));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith($"Environment variable {missing} is not set", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Variables(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;
}
