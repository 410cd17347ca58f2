using System.Text.RegularExpressions;
using Gyre.Monitoring.Reports;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.Reports;

/// <summary>
/// The report in a real browser (Debian's Chromium, headless): it loads from a file with no network, its script runs
/// without errors, and clicking a column header sorts the drift table. A probe script appended to a copy of the page
/// clicks and records the resulting order in the DOM, which <c>--dump-dom</c> prints after the page's scripts ran.
/// </summary>
public sealed class HtmlReportBrowserTests
{

    private static async Task<(string Dom, string Log)> RenderAsync(string html)
    {
        using var folder = new TemporaryFolder();
        var page = folder.Combine("report.html");
        await File.WriteAllTextAsync(page, html, TestContext.Current.CancellationToken);
        var (exitCode, dom, log) = await HeadlessChromium.RenderAsync(page, folder.Combine("profile"), TestContext.Current.CancellationToken);
        Assert.Equal(0, exitCode);
        return (dom, log);
    }

    [Fact]
    public async Task Chromium_FullReport_RendersWithoutScriptErrors()
    {
        Assert.SkipUnless(HeadlessChromium.IsInstalled, $"{HeadlessChromium.ExecutablePath} is not installed (apt-get install chromium).");

        var (dom, log) = await RenderAsync(HtmlReportWriter.Write(SampleReports.Full()));

        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
        Assert.Contains("income", dom, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(HtmlReportWriter.Write(SampleReports.Full()), "<svg"), Regex.Count(dom, "<svg"));
        // The script ran: it makes every sortable header focusable.
        Assert.Contains("tabindex=\"0\"", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chromium_ClickColumnHeader_SortsDriftTableByThatColumnAndBack()
    {
        Assert.SkipUnless(HeadlessChromium.IsInstalled, $"{HeadlessChromium.ExecutablePath} is not installed (apt-get install chromium).");
        const string probe = """
            <script>
            (function () {
              var table = document.querySelector('table.sortable');
              var header = table.tHead.rows[0].cells[0];
              var names = function () { return Array.from(table.tBodies[0].rows).map(function (r) { return r.cells[0].textContent; }).join('|'); };
              header.click();
              document.body.setAttribute('data-ascending', names());
              header.click();
              document.body.setAttribute('data-descending', names());
            })();
            </script></body>
            """;
        var html = HtmlReportWriter.Write(SampleReports.Full()).Replace("</body>", probe, StringComparison.Ordinal);

        var (dom, log) = await RenderAsync(html);

        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
        var ascending = Order(dom, "data-ascending");
        var descending = Order(dom, "data-descending");
        Assert.Equal(4, ascending.Length);
        Assert.Equal(ascending.Order(StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, ignoreCase: true)), ascending);
        Assert.Equal(ascending.Reverse(), descending);
    }

    private static string[] Order(string dom, string attribute)
    {
        var match = Regex.Match(dom, attribute + "=\"([^\"]*)\"");
        Assert.True(match.Success, $"{attribute} not set: the probe script did not run.");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value).Split('|');
    }
}
