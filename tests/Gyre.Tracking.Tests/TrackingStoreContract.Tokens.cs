using System.Text.RegularExpressions;
using Gyre.Core;
using Gyre.Tracking.Access;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    private IApiTokenStore Tokens => TokenStore ?? throw new InvalidOperationException("Unreachable: token tests skip stores without tokens.");

    [Fact]
    public async Task CreateToken_Role_IssuesPrefixedUrlSafeSecretThatFindsTheToken()
    {
        SkipWithoutTokens();
        var issued = await Tokens.CreateTokenAsync("ci", ApiTokenRole.Write, Ct);

        var found = await Tokens.FindTokenAsync(issued.Secret, Ct);

        Assert.Matches(new Regex("^gyre_[A-Za-z0-9_-]{43}$"), issued.Secret);
        Assert.Equal(new ApiToken(issued.Token.Id, "ci", ApiTokenRole.Write, Clock.NowMilliseconds, null), issued.Token);
        Assert.Equal(issued.Token, found);
    }

    [Fact]
    public async Task CreateToken_Twice_GivesDistinctIdsAndSecrets()
    {
        SkipWithoutTokens();
        var first = await Tokens.CreateTokenAsync("a", ApiTokenRole.Read, Ct);
        var second = await Tokens.CreateTokenAsync("a", ApiTokenRole.Read, Ct);

        Assert.NotEqual(first.Token.Id, second.Token.Id);
        Assert.NotEqual(first.Secret, second.Secret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task CreateToken_BlankName_ThrowsInvalidInput(string name)
    {
        SkipWithoutTokens();

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Tokens.CreateTokenAsync(name, ApiTokenRole.Read, Ct));
    }

    [Fact]
    public async Task CreateToken_NameOver250Characters_ThrowsInvalidInput()
    {
        SkipWithoutTokens();

        await Tokens.CreateTokenAsync(new string('n', 250), ApiTokenRole.Read, Ct);
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Tokens.CreateTokenAsync(new string('n', 251), ApiTokenRole.Read, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gyre_")]
    [InlineData("gyre_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task FindToken_UnknownSecret_ReturnsNull(string secret)
    {
        SkipWithoutTokens();
        await Tokens.CreateTokenAsync("a", ApiTokenRole.Admin, Ct);

        Assert.Null(await Tokens.FindTokenAsync(secret, Ct));
    }

    [Fact]
    public async Task FindToken_SecretWithChangedCase_ReturnsNull()
    {
        SkipWithoutTokens();
        var issued = await Tokens.CreateTokenAsync("a", ApiTokenRole.Admin, Ct);

        Assert.Null(await Tokens.FindTokenAsync("gyre_" + SwapCase(issued.Secret["gyre_".Length..]), Ct));
    }

    [Fact]
    public async Task ListTokens_Several_NewestFirst()
    {
        SkipWithoutTokens();
        var first = await Tokens.CreateTokenAsync("first", ApiTokenRole.Read, Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Tokens.CreateTokenAsync("second", ApiTokenRole.Write, Ct);
        var third = await Tokens.CreateTokenAsync("third", ApiTokenRole.Admin, Ct);

        Assert.Equal([third.Token, second.Token, first.Token], await Tokens.ListTokensAsync(Ct));
    }

    [Fact]
    public async Task RevokeToken_Twice_KeepsTheFirstRevocationTimeAndStillFindsIt()
    {
        SkipWithoutTokens();
        var issued = await Tokens.CreateTokenAsync("a", ApiTokenRole.Write, Ct);
        Clock.Advance(TimeSpan.FromSeconds(5));
        var revokedAt = Clock.NowMilliseconds;

        await Tokens.RevokeTokenAsync(issued.Token.Id, Ct);
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Tokens.RevokeTokenAsync(issued.Token.Id, Ct);
        var found = await Tokens.FindTokenAsync(issued.Secret, Ct);

        Assert.NotNull(found);
        Assert.True(found.IsRevoked);
        Assert.Equal(revokedAt, found.RevokedTime);
        Assert.Equal(found, Assert.Single(await Tokens.ListTokensAsync(Ct)));
    }

    [Fact]
    public async Task RevokeToken_UnknownId_ThrowsNotFound()
    {
        SkipWithoutTokens();

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Tokens.RevokeTokenAsync("nope", Ct));
    }

    private void SkipWithoutTokens() => Assert.SkipWhen(TokenStore is null, "This store keeps no API tokens.");

    private static string SwapCase(string text) =>
        new([.. text.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))]);
}
