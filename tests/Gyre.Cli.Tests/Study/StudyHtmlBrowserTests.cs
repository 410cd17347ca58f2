using System.Diagnostics;
using System.Text.RegularExpressions;
using Gyre.Cli.Tests.Support;
using Gyre.Tuning;

namespace Gyre.Cli.Tests.Study;

/// <summary>The page `gyre study report --html` writes, loaded from its file in headless Chromium (as the monitoring report's tests do).</summary>
public sealed class StudyHtmlBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Chromium_WrittenPage_RendersEveryChartWithoutScriptErrors()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium).");
        using var folder = new TempFolder();
        var storage = new InMemoryStudyStorage();
        await StudyCli.SeedAsync(storage);
        var page = folder.Combine("search.html");
        (await new StudyCli(storage, folder.Path).RunAsync("study", "report", "search", "--html", page)).AssertExit(ExitCodes.Success);

        using var process = Process.Start(new ProcessStartInfo(Chromium)
        {
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={folder.Combine("profile")}",
                "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(page).AbsoluteUri,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var dom = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var log = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("Uncaught", await log, StringComparison.Ordinal);
        Assert.DoesNotContain("CONSOLE", await log, StringComparison.Ordinal);
        var rendered = await dom;
        // History + importance + 3 scatters (c, n, x), all parsed as SVG by the browser.
        Assert.Equal(5, Regex.Count(rendered, "<svg"));
        // The sort script ran: it makes every header of the trials table focusable.
        Assert.Contains("tabindex=\"0\"", rendered, StringComparison.Ordinal);
    }
}
