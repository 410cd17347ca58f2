using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Reports;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.Reports;

public sealed partial class HtmlReportWriterTests
{
    [Fact]
    public void Write_FullReport_ContainsEveryColumnEncoded()
    {
        var report = SampleReports.Full();

        var html = HtmlReportWriter.Write(report);

        Assert.Equal(4, report.Drift.Columns.Count);
        Assert.Equal(4, report.Distributions.Count);
        foreach (var column in report.Drift.Columns)
        {
            var encoded = System.Net.WebUtility.HtmlEncode(column.Column);
            Assert.Contains("<th scope=\"row\">" + encoded + "</th>", html, StringComparison.Ordinal);
            Assert.Contains("<h3>" + encoded + " <small>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_HostileColumnAndCategoryNames_AppearOnlyEncoded()
    {
        var html = HtmlReportWriter.Write(SampleReports.Full());

        Assert.DoesNotContain(SampleReports.ScriptColumn, html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)</", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>new</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;new&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleReports.QuotedColumn, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<model>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<seg>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<missing>", html, StringComparison.Ordinal);
        // Exactly one script element: the report's own sorter.
        Assert.Equal(1, CountOf(html, "<script"));
    }

    [Fact]
    public void Write_FullReport_LoadsNothingFromElsewhere()
    {
        var html = HtmlReportWriter.Write(SampleReports.Full());

        var urls = UrlPattern().Matches(html).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(["http://www.w3.org/2000/svg"], urls);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Write_FullReport_EverySvgIsClosedWellFormedAndLabelled()
    {
        var html = HtmlReportWriter.Write(SampleReports.Full());

        var opened = CountOf(html, "<svg");
        // 1 drift chart + 4 histograms + accuracy and roc_auc line charts.
        Assert.Equal(7, opened);
        Assert.Equal(opened, CountOf(html, "</svg>"));
        foreach (Match match in SvgPattern().Matches(html))
        {
            var svg = XElement.Parse(match.Value);
            Assert.Equal("img", (string?)svg.Attribute("role"));
            Assert.Equal("title", svg.Elements().First().Name.LocalName);
        }
    }

    [Fact]
    public void Write_DriftedColumn_IsListedFirstAndMarked()
    {
        var report = SampleReports.Full();
        var drifted = report.Drift.Columns.Where(c => c.Drifted).Select(c => c.Column).ToList();
        Assert.Contains("income", drifted);
        Assert.DoesNotContain("age", drifted);

        var html = HtmlReportWriter.Write(report);

        Assert.Equal(drifted.Count, CountOf(html, "<tr class=\"drifted\">"));
        Assert.Contains("<tr class=\"drifted\"><th scope=\"row\">income</th>", html, StringComparison.Ordinal);
        var table = html[html.IndexOf("<table class=\"sortable\">", StringComparison.Ordinal)..];
        var rows = RowHeaderPattern().Matches(table[..table.IndexOf("</table>", StringComparison.Ordinal)]).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(report.Drift.Columns.Count, rows.Count);
        Assert.All(rows.Take(drifted.Count), r => Assert.Contains(System.Net.WebUtility.HtmlDecode(r), drifted));
        Assert.DoesNotContain(rows.Skip(drifted.Count), r => drifted.Contains(System.Net.WebUtility.HtmlDecode(r)));
        Assert.Contains(report.Drift.DatasetDrifted ? "Dataset drift detected" : "No dataset drift", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FullReport_ShowsMethodNewCategoriesWarningsAndHeader()
    {
        var report = SampleReports.Full();

        var html = HtmlReportWriter.Write(report);

        Assert.Contains("<td>" + DriftMethodNames.Name(report.Drift.Columns[0].Result.Method) + "</td>", html, StringComparison.Ordinal);
        Assert.Contains("Window 3 has no labeled rows.", html, StringComparison.Ordinal);
        Assert.Contains("churn@champion", html, StringComparison.Ordinal);
        Assert.Contains("2026-02-03T02:05:06Z", html, StringComparison.Ordinal);
        Assert.Contains("2025-12-02 00:00:00Z to 2026-01-01 00:00:00Z", html, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf("<h2>Warnings", StringComparison.Ordinal) < html.IndexOf("<h2>Data drift per column", StringComparison.Ordinal)
            && html.IndexOf("<h2>Data drift per column", StringComparison.Ordinal) < html.IndexOf("<h2>Drift scores", StringComparison.Ordinal)
            && html.IndexOf("<h2>Drift scores", StringComparison.Ordinal) < html.IndexOf("<h2>Distributions", StringComparison.Ordinal)
            && html.IndexOf("<h2>Distributions", StringComparison.Ordinal) < html.IndexOf("<h2>Performance over time", StringComparison.Ordinal)
            && html.IndexOf("<h2>Performance over time", StringComparison.Ordinal) < html.IndexOf("<h2>Concept drift", StringComparison.Ordinal)
            && html.IndexOf("<h2>Concept drift", StringComparison.Ordinal) < html.IndexOf("<h2>Fairness", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_TooManyNewCategories_ShowsFirstTen()
    {
        var categories = Enumerable.Range(0, 15).Select(i => "cat" + i.ToString("D2", CultureInfo.InvariantCulture)).ToList();
        var column = new ColumnDrift("colour", DriftColumnKind.Categorical, new ColumnDriftResult(
            DriftMethod.ChiSquare, DriftStatus.Tested, 0.5, 0.05, false, 10, 10, categories));
        var report = SampleReports.Empty() with
        {
            Drift = DatasetDriftSummary.Summarize([column], DatasetDriftOptions.Default),
        };

        var html = HtmlReportWriter.Write(report);

        Assert.Contains("cat09", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cat10", html, StringComparison.Ordinal);
        Assert.Contains("(15 in all)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EmptyReport_SaysNoDataInEverySection()
    {
        var html = HtmlReportWriter.Write(SampleReports.Empty());

        Assert.Contains("no columns were compared", html, StringComparison.Ordinal);
        Assert.Contains("no column has a drift score", html, StringComparison.Ordinal);
        Assert.Contains("no distributions were computed", html, StringComparison.Ordinal);
        Assert.Contains("no performance windows", html, StringComparison.Ordinal);
        Assert.Contains("no protected attribute was analysed", html, StringComparison.Ordinal);
        Assert.Contains("No drift verdict", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2>Warnings", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2>Concept drift", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DistributionWithoutCurrentValues_SaysSo()
    {
        var report = SampleReports.Empty() with
        {
            Distributions = [new ColumnDistribution("x", DriftColumnKind.Categorical, ["a", "b"], [3, 1], [0, 0])],
        };

        var html = HtmlReportWriter.Write(report);

        Assert.Contains("No current values in these bins.", html, StringComparison.Ordinal);
        Assert.Contains("<title>a: reference 75%, current 0%</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LargeReport_StaysUnderTwoMegabytes()
    {
        var report = SampleReports.Large(columns: 200, windows: 50);

        var html = HtmlReportWriter.Write(report);

        Assert.Equal(200, CountOf(html, "<h3>feature_with_a_longish_name_"));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 2 * 1024 * 1024, $"{html.Length} characters");
    }

    [Fact]
    public void Write_TimedCurrent_LabelsWindowsWithUtcStart()
    {
        var html = HtmlReportWriter.Write(SampleReports.Full(timed: true));

        Assert.Contains("2026-01-01 00:00:00Z: realized 0.9", html, StringComparison.Ordinal);
        Assert.Contains("2026-01-05 00:00:00Z: estimated 0.88", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rows 1–100", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UntimedCurrent_LabelsWindowsByRowRanges()
    {
        var html = HtmlReportWriter.Write(SampleReports.Full(timed: false));

        Assert.Contains("rows 1–100: realized 0.9", html, StringComparison.Ordinal);
        Assert.Contains("rows 401–500: realized 0.86", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-01-01 00:00:00Z:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("00:00:00Z to", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HolmCorrection_ShowsAdjustedPValuesAndNamesCorrection()
    {
        // p = 0.03 and 0.04 each drift alone at 0.05; Holm adjusts them to max(2·0.03, 0.04) = 0.06 and 0.06: neither drifts.
        ColumnDrift Column(string name, double p) => new(name, DriftColumnKind.Numerical, new ColumnDriftResult(
            DriftMethod.KolmogorovSmirnov, DriftStatus.Tested, p, 0.05, true, 50, 50, []));
        var drift = DatasetDriftSummary.Summarize(
            [Column("u", 0.03), Column("v", 0.04)], new DatasetDriftOptions(Correction: MultipleTestingCorrection.Holm));
        var report = SampleReports.Empty() with { Drift = drift };

        var html = HtmlReportWriter.Write(report);

        Assert.Contains("p-values adjusted with Holm", html, StringComparison.Ordinal);
        Assert.Contains("No dataset drift", html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, ">0.06</td>"));
        Assert.DoesNotContain("<tr class=\"drifted\">", html, StringComparison.Ordinal);
        Assert.Contains("−log10(p)", html, StringComparison.Ordinal);
        Assert.Equal(0, CountOf(html, "<rect class=\"bad\""));
        Assert.Equal(2, CountOf(html, "<rect class=\"ok\""));
    }

    [Fact]
    public void Write_DriftChart_RedBarPerDriftedColumn()
    {
        var report = SampleReports.Full();

        var html = HtmlReportWriter.Write(report);

        Assert.Equal(report.Drift.Columns.Count(c => c.Drifted), CountOf(html, "<rect class=\"bad\""));
        Assert.Equal(report.Drift.Columns.Count(c => c.Tested && !c.Drifted), CountOf(html, "<rect class=\"ok\""));
    }

    [Fact]
    public void Write_Performance_RealizedSolidEstimatedDashedAndGapsBreakLines()
    {
        var html = HtmlReportWriter.Write(SampleReports.Full());

        // roc_auc is missing in window 3 of 5: two polyline pieces of two points each; accuracy is one piece.
        Assert.Equal(3, CountOf(html, "<polyline class=\"lref\""));
        Assert.Equal(1, CountOf(html, "<polyline class=\"lest\""));
        Assert.Contains(".lest{stroke:#f58518;stroke-dasharray", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SegmentWindows_ShowsLatestWindowPerSegment()
    {
        var html = HtmlReportWriter.Write(SampleReports.Full());

        Assert.Contains("Latest window per segment", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">segment-early</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">&lt;seg&gt;</th>", html, StringComparison.Ordinal);
        Assert.Contains(">0.75</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">0.5</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ConceptDriftAndFairness_ShowFiguresAndGroups()
    {
        var report = SampleReports.Full();

        var html = HtmlReportWriter.Write(report);

        Assert.Contains("<th scope=\"row\">adwin</th><td>2026-01-04 00:00:00Z</td>", html, StringComparison.Ordinal);
        Assert.Contains("0.1 → 0.3 (worse)", html, StringComparison.Ordinal);
        var fairness = report.Fairness[0];
        Assert.Contains("<th scope=\"row\">male &amp; other</th>", html, StringComparison.Ordinal);
        Assert.Contains(">" + fairness.DemographicParityDifference.ToString("G4", CultureInfo.InvariantCulture) + "</td>", html, StringComparison.Ordinal);
        Assert.Contains("Equalized odds difference", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CommaDecimalCulture_WritesInvariantNumbersWithFourSignificantDigits()
    {
        var column = new ColumnDrift("x", DriftColumnKind.Numerical, new ColumnDriftResult(
            DriftMethod.Wasserstein, DriftStatus.Tested, 0.123456789, 0.1, true, 10, 10, []));
        var report = SampleReports.Empty() with { Drift = DatasetDriftSummary.Summarize([column], DatasetDriftOptions.Default) };
        var previous = CultureInfo.CurrentCulture;
        string html;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            html = HtmlReportWriter.Write(report);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Contains(">0.1235</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0,1235", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_IsReplacedWithoutLeftovers()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("nested", "report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "old", TestContext.Current.CancellationToken);

        await HtmlReportWriter.WriteAsync(SampleReports.Full(), path, TestContext.Current.CancellationToken);

        var written = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HtmlReportWriter.Write(SampleReports.Full()), written);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task WriteAsync_MissingFolder_IsCreated()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("a", "b", "report.html");

        await HtmlReportWriter.WriteAsync(SampleReports.Empty(), path, TestContext.Current.CancellationToken);

        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TargetIsFolder_ThrowsAndLeavesSiblingsIntact()
    {
        using var folder = new TemporaryFolder();
        var target = folder.Combine("report.html");
        Directory.CreateDirectory(target);
        var sibling = folder.Combine("keep.html");
        await File.WriteAllTextAsync(sibling, "previous report", TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<IOException>(() => HtmlReportWriter.WriteAsync(SampleReports.Full(), target, TestContext.Current.CancellationToken));

        Assert.Equal("previous report", await File.ReadAllTextAsync(sibling, TestContext.Current.CancellationToken));
        Assert.True(Directory.Exists(target));
        Assert.Equal([sibling], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_LeavesPreviousFile()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("report.html");
        await File.WriteAllTextAsync(path, "old", TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HtmlReportWriter.WriteAsync(SampleReports.Full(), path, cancelled.Token));

        Assert.Equal("old", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"https?://[^\s""'<>)]*", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex("<svg[ >].*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();

    [GeneratedRegex("<tr(?: class=\"drifted\")?><th scope=\"row\">(.*?)</th>")]
    private static partial Regex RowHeaderPattern();
}
