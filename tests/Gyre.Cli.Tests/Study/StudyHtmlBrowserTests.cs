using System.Text.RegularExpressions;
using Gyre.Cli.Tests.Support;
using Gyre.Testing;
using Gyre.Tuning;

namespace Gyre.Cli.Tests.Study;

/// <summary>The page `gyre study report --html` writes, loaded from its file in headless Chromium (as the monitoring report's tests do).</summary>
public sealed class StudyHtmlBrowserTests
{

    [Fact]
    public async Task Chromium_WrittenPage_RendersEveryChartWithoutScriptErrors()
    {
        Assert.SkipUnless(HeadlessChromium.IsInstalled, $"{HeadlessChromium.ExecutablePath} is not installed (apt-get install chromium).");
        using var folder = new TempFolder();
        var storage = new InMemoryStudyStorage();
        await StudyCli.SeedAsync(storage);
        var page = folder.Combine("search.html");
        (await new StudyCli(storage, folder.Path).RunAsync("study", "report", "search", "--html", page)).AssertExit(ExitCodes.Success);

        var (exitCode, rendered, log) = await HeadlessChromium.RenderAsync(page, folder.Combine("profile"), TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
        Assert.DoesNotContain("CONSOLE", log, StringComparison.Ordinal);
        // History + importance + 3 scatters (c, n, x), all parsed as SVG by the browser.
        Assert.Equal(5, Regex.Count(rendered, "<svg"));
        // The sort script ran: it makes every header of the trials table focusable.
        Assert.Contains("tabindex=\"0\"", rendered, StringComparison.Ordinal);
    }
}
