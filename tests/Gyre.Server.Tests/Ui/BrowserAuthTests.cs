namespace Gyre.Server.Tests.Ui;

/// <summary>The web UI against a server with <c>--auth</c> on: the token form, and a read-only token that cannot move an alias.</summary>
public sealed class BrowserAuthTests(BrowserAuthFixture fixture) : IClassFixture<BrowserAuthFixture>
{
    [Fact]
    public async Task ModelPage_WithReadOnlyToken_ShowsReadOnlyMessage_AndTheAliasStays() => await BrowserScript.RunAsync("models-auth", fixture);
}
