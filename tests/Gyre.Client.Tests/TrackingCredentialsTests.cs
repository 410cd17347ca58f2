using System.Text;

namespace Gyre.Client.Tests;

public sealed class TrackingCredentialsTests
{
    [Fact]
    public void FromEnvironment_GyreAndMlflowTokens_PrefersGyreToken()
    {
        var credentials = TrackingCredentials.FromEnvironment(Variables(
            (TrackingCredentials.GyreTokenVariable, "gyre_abc"),
            (TrackingCredentials.MlflowTokenVariable, "mlflow_xyz"),
            (TrackingCredentials.MlflowUsernameVariable, "alice")));

        Assert.Equal("Bearer", credentials!.AuthorizationHeader.Scheme);
        Assert.Equal("gyre_abc", credentials.AuthorizationHeader.Parameter);
    }

    [Fact]
    public void FromEnvironment_MlflowTokenOnly_IsBearer()
    {
        var credentials = TrackingCredentials.FromEnvironment(Variables((TrackingCredentials.MlflowTokenVariable, "mlflow_xyz")));

        Assert.Equal(("Bearer", "mlflow_xyz"), (credentials!.AuthorizationHeader.Scheme, credentials.AuthorizationHeader.Parameter));
    }

    [Fact]
    public void FromEnvironment_UserAndPassword_IsBasicWithBase64UserColonPassword()
    {
        var credentials = TrackingCredentials.FromEnvironment(Variables(
            (TrackingCredentials.MlflowUsernameVariable, "alice"),
            (TrackingCredentials.MlflowPasswordVariable, "s3cret:é")));

        Assert.Equal("Basic", credentials!.AuthorizationHeader.Scheme);
        Assert.Equal("alice:s3cret:é", Encoding.UTF8.GetString(Convert.FromBase64String(credentials.AuthorizationHeader.Parameter!)));
    }

    [Fact]
    public void FromEnvironment_NothingOrEmpty_IsNull()
        => Assert.Null(TrackingCredentials.FromEnvironment(Variables((TrackingCredentials.GyreTokenVariable, ""))));

    [Fact]
    public void ToString_Token_NeverShowsTheSecret()
        => Assert.DoesNotContain("topsecret", TrackingCredentials.Bearer("topsecret").ToString(), StringComparison.Ordinal);

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
