using Gyre.Core;
using Gyre.Tracking.Protocol;

namespace Gyre.Server.Tests.Protocol;

public sealed class MlflowErrorCodesTests
{
    [Theory]
    [InlineData(ErrorKind.InvalidInput, "INVALID_PARAMETER_VALUE", 400)]
    [InlineData(ErrorKind.InvalidState, "INVALID_PARAMETER_VALUE", 400)]
    [InlineData(ErrorKind.AlreadyExists, "RESOURCE_ALREADY_EXISTS", 400)]
    [InlineData(ErrorKind.NotFound, "RESOURCE_DOES_NOT_EXIST", 404)]
    [InlineData(ErrorKind.Corrupt, "INTERNAL_ERROR", 500)]
    [InlineData(ErrorKind.Internal, "INTERNAL_ERROR", 500)]
    public void FromKind_MapsToMlflowCodeAndStatus(ErrorKind kind, string code, int status)
    {
        Assert.Equal(code, MlflowErrorCodes.FromKind(kind));
        Assert.Equal(status, MlflowErrorCodes.HttpStatus(MlflowErrorCodes.FromKind(kind)));
    }

    [Fact]
    public void FromKind_ValidationKinds_AreNever5xx()
    {
        foreach (var kind in new[] { ErrorKind.InvalidInput, ErrorKind.InvalidState, ErrorKind.AlreadyExists, ErrorKind.NotFound })
        {
            Assert.InRange(MlflowErrorCodes.HttpStatus(MlflowErrorCodes.FromKind(kind)), 400, 499);
        }
    }

    [Theory]
    [InlineData("UNAUTHENTICATED", 401)]
    [InlineData("PERMISSION_DENIED", 403)]
    [InlineData("ENDPOINT_NOT_FOUND", 404)]
    [InlineData("RESOURCE_CONFLICT", 409)]
    [InlineData("REQUEST_LIMIT_EXCEEDED", 429)]
    [InlineData("TEMPORARILY_UNAVAILABLE", 503)]
    [InlineData("SOMETHING_NEW", 500)]
    public void HttpStatus_FollowsMlflowsTable(string code, int status) => Assert.Equal(status, MlflowErrorCodes.HttpStatus(code));

    [Theory]
    [InlineData("RESOURCE_DOES_NOT_EXIST", ErrorKind.NotFound)]
    [InlineData("RESOURCE_ALREADY_EXISTS", ErrorKind.AlreadyExists)]
    [InlineData("INVALID_PARAMETER_VALUE", ErrorKind.InvalidInput)]
    [InlineData("INTERNAL_ERROR", ErrorKind.Internal)]
    [InlineData(null, ErrorKind.Internal)]
    public void ToKind_MapsServerCodesBack(string? code, ErrorKind kind) => Assert.Equal(kind, MlflowErrorCodes.ToKind(code));
}
