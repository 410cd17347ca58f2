using Gyre.Tracking.Access;

namespace Gyre.Server.Tests.Ui;

/// <summary>A <see cref="BrowserFixture"/> with <c>--auth</c> on (no token caching) and a read-only and a write token in the seed.</summary>
public sealed class BrowserAuthFixture : BrowserFixture
{
    protected override async Task<BrowserSeed> CompleteSeedAsync(BrowserSeed seed, CancellationToken cancellationToken)
    {
        var tokens = Server.Tokens!;
        var read = await tokens.CreateTokenAsync("ui-reader", ApiTokenRole.Read, cancellationToken);
        var write = await tokens.CreateTokenAsync("ui-writer", ApiTokenRole.Write, cancellationToken);
        return seed with { ReadToken = read.Secret, WriteToken = write.Secret };
    }

    protected override TrackingServerOptions Options() => base.Options() with { Auth = true, TokenCacheDuration = TimeSpan.Zero };
}
