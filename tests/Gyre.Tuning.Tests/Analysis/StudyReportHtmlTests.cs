using System.Text.RegularExpressions;
using Gyre.Testing;
using Gyre.Tuning.Analysis;
using Gyre.Tuning.Distributions;
using static Gyre.Tuning.Tests.Analysis.AnalysisTrials;

namespace Gyre.Tuning.Tests.Analysis;

/// <summary>The study page's content, and the page in a real browser (Debian's Chromium, headless) as the monitoring report's tests do.</summary>
public sealed class StudyReportHtmlTests
{

    private static StudyReport Sample()
    {
        var lr = new FloatDistribution(1e-4, 1, log: true);
        var trials = ReferenceStudy().Take(20)
            .Select(t => t with
            {
                Params = new Dictionary<string, object?>(t.Params) { ["lr"] = Math.Pow(10, -(t.Number % 4)) },
                Distributions = new Dictionary<string, ParameterDistribution>(t.Distributions) { ["lr"] = lr },
            })
            .ToList();
        trials.Add(Trial(20, TrialState.Pruned, 50, new Dictionary<string, (ParameterDistribution, object?)> { ["x"] = (X, 1.0) }));
        trials.Add(Trial(21, TrialState.Fail, null, new Dictionary<string, (ParameterDistribution, object?)>()));
        return StudyReport.Build("lgbm <tuned> & co", StudyDirection.Minimize, trials);
    }

    [Fact]
    public void Write_HasEveryChartAndTheTrialsTable_TextEncoded()
    {
        var report = Sample();

        var html = StudyReportHtml.Write(report, Start);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Study lgbm &lt;tuned&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tuned>", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<svg class=\"history\""));
        var history = Regex.Match(html, "<svg class=\"history\".*?</svg>").Value;
        Assert.Equal(20, Regex.Count(history, "<title>trial \\d+: "));
        Assert.Contains("<polyline class=\"best\"", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<svg class=\"importance\""));
        Assert.Equal(5, Regex.Count(html, "<rect class=\"bar\""));
        Assert.Equal(5, Regex.Count(html, "<svg class=\"scatter\""));
        Assert.Contains("lr (log scale)", html, StringComparison.Ordinal);
        Assert.Equal(22, Regex.Count(html, "<tr( class=\"best\")?><td class=\"n\" data-v=\"\\d+\">"));
        Assert.Contains("<tr class=\"best\"><td class=\"n\" data-v=\"" + report.BestTrial!.Number + "\">", html, StringComparison.Ordinal);
        Assert.Contains("<td>pruned</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EmptyStudy_SaysSoInEverySection()
    {
        var html = StudyReportHtml.Write(StudyReport.Build("empty", StudyDirection.Maximize, []), Start);

        Assert.Equal(0, Regex.Count(html, "<svg"));
        Assert.Contains("No trial has completed yet.", html, StringComparison.Ordinal);
        Assert.Contains("No trials yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chromium_RendersWithoutScriptErrors_AndSortsTrials()
    {
        Assert.SkipUnless(HeadlessChromium.IsInstalled, $"{HeadlessChromium.ExecutablePath} is not installed (apt-get install chromium).");
        const string probe = """
            <script>
            (function () {
              var table = document.querySelector('table.trials');
              var header = table.tHead.rows[0].cells[2];
              header.click();
              document.body.setAttribute('data-first', table.tBodies[0].rows[0].cells[0].textContent);
            })();
            </script></body>
            """;
        var report = Sample();
        var page = StudyReportHtml.Write(report, Start);
        var folder = Directory.CreateTempSubdirectory("gyre-study-html-");
        try
        {
            var path = Path.Combine(folder.FullName, "study.html");
            await File.WriteAllTextAsync(path, page.Replace("</body>", probe, StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var (exitCode, dom, log) = await HeadlessChromium.RenderAsync(path, Path.Combine(folder.FullName, "profile"), TestContext.Current.CancellationToken);

            Assert.Equal(0, exitCode);
            Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
            Assert.Equal(Regex.Count(page, "<svg"), Regex.Count(dom, "<svg"));
            // The sort script ran: clicking "Value" put the best (lowest) trial first.
            Assert.Contains($"data-first=\"{report.BestTrial!.Number}\"", dom, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
