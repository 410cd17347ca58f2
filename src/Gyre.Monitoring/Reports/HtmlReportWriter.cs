using System.Text;
using Gyre.Monitoring.Drift;
using static Gyre.Monitoring.Reports.HtmlText;

namespace Gyre.Monitoring.Reports;

/// <summary>
/// Writes a <see cref="MonitoringReport"/> as one self-contained HTML5 file: inline CSS, inline SVG charts and a tiny
/// optional script that sorts tables on a header click (the page reads fully without it). Nothing is loaded from
/// elsewhere (no links, fonts, images or scripts by URL). Sections in order: header, verdict, warnings, drift table, drift
/// score chart, histogram overlays, performance over time, concept drift, fairness. Every text from the report is
/// HTML-encoded; numbers use the invariant culture with 4 significant digits; times are UTC.
/// </summary>
/// <remarks>
/// Thread-safe (no state). The size grows with the aggregates only (columns × bins, windows × metrics, groups), never with
/// the rows behind them: about 7 KB per column with a 20-bin distribution.
/// </remarks>
public static class HtmlReportWriter
{
    private const int MaxNewCategoriesShown = 10;

    private const string Style =
        "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#222}" +
        "h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}" +
        "h3{font-size:15px;margin:18px 0 4px;word-break:break-all}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}" +
        "dt{font-weight:600}dd{margin:0}.verdict{padding:10px 14px;border-radius:6px;margin:16px 0;font-size:15px}" +
        ".verdict.bad{background:#fde2e1;border:1px solid #d62728}.verdict.ok{background:#e3f4e1;border:1px solid #2ca02c}" +
        ".verdict.none{background:#eee;border:1px solid #999}.verdict strong{font-size:17px}" +
        "table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}" +
        "th{background:#f4f4f4;cursor:pointer}td.n{text-align:right;font-variant-numeric:tabular-nums}" +
        "tr.drifted td{background:#fde2e1}tr.drifted td.flag{color:#b00;font-weight:700}.empty{color:#666;font-style:italic}" +
        ".warn{background:#fff6d6;border:1px solid #e0b000;padding:6px 14px 6px 30px;border-radius:6px}" +
        ".charts{display:flex;flex-wrap:wrap;gap:8px 24px}figure{margin:0}figcaption{font-size:12px;color:#555;max-width:680px}" +
        "svg{font:10px sans-serif;overflow:visible}svg .ref{fill:#4c78a8}svg .cur{fill:#f58518}svg .bad{fill:#d62728}svg .ok{fill:#8da0b3}" +
        "svg polyline{fill:none;stroke-width:1.5}svg .lref{stroke:#4c78a8}svg .lest{stroke:#f58518;stroke-dasharray:5 3}svg .e{text-anchor:end}svg .m{text-anchor:middle}" +
        "svg circle.est{fill:#f58518}svg .grid{stroke:#e4e4e4}svg .axis{stroke:#999}svg .thr{stroke:#222;stroke-dasharray:3 2}";

    private const string SortScript =
        "document.querySelectorAll('table.sortable thead th').forEach(function(h){h.tabIndex=0;h.title='Sort';" +
        "h.addEventListener('keydown',function(e){if(e.key==='Enter')h.click();});" +
        "h.addEventListener('click',function(){var b=h.closest('table').tBodies[0],i=h.cellIndex,d=h.dataset.d==='1'?-1:1;h.dataset.d=d===1?'1':'0';" +
        "Array.from(b.rows).sort(function(x,y){var p=x.cells[i].dataset.v,q=y.cells[i].dataset.v;" +
        "if(p!==undefined||q!==undefined){if(p===undefined)return 1;if(q===undefined)return -1;return(parseFloat(p)-parseFloat(q))*d;}" +
        "return x.cells[i].textContent.localeCompare(y.cells[i].textContent)*d;}).forEach(function(r){b.appendChild(r);});});});";

    /// <summary>The whole HTML document for <paramref name="report"/>.</summary>
    public static string Write(MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>").Append(Encode(report.Title))
            .Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        Header(html, report);
        Verdict(html, report.Drift);
        Warnings(html, report.Warnings ?? []);
        DriftTable(html, report.Drift);
        DriftChart(html, report.Drift);
        Distributions(html, report.Distributions ?? []);
        HtmlOutcomeSections.Performance(html, report.Performance ?? [], report.Current.FromTime is not null);
        HtmlOutcomeSections.ConceptDrift(html, report.ConceptDrift, report.Current.FromTime is not null);
        HtmlOutcomeSections.Fairness(html, report.Fairness ?? []);
        html.Append("<script>").Append(SortScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// Writes the report to <paramref name="path"/> (UTF-8), creating its folder if needed. Atomic: the document goes to a
    /// temporary file in the same folder, then replaces <paramref name="path"/>; on failure any previous file stays intact.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written or replaced (e.g. <paramref name="path"/> is a folder).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
    public static async Task WriteAsync(MonitoringReport report, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var html = Write(report);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, html, new UTF8Encoding(false), cancellationToken);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void Header(StringBuilder html, MonitoringReport report)
    {
        html.Append("<header><h1>").Append(Encode(report.Title)).Append("</h1><dl class=\"meta\">");
        if (report.Model is not null)
        {
            html.Append("<dt>Model</dt><dd>").Append(Encode(report.Model)).Append("</dd>");
        }

        html.Append("<dt>Generated</dt><dd>").Append(Encode(Iso(report.GeneratedAt))).Append("</dd>");
        Source(html, "Reference", report.Reference);
        Source(html, "Current", report.Current);
        html.Append("</dl></header>\n");
    }

    private static void Source(StringBuilder html, string side, DataSourceInfo source)
    {
        html.Append("<dt>").Append(side).Append("</dt><dd>").Append(Encode(source.Description)).Append(" — ")
            .Append(Integer(source.Rows)).Append(source.Rows == 1 ? " row" : " rows");
        if (source.FromTime is not null || source.ToTime is not null)
        {
            html.Append(", ").Append(source.FromTime is { } from ? Time(from) : "…").Append(" to ")
                .Append(source.ToTime is { } to ? Time(to) : "…");
        }

        html.Append("</dd>");
    }

    private static void Verdict(StringBuilder html, DatasetDriftResult drift)
    {
        if (drift.TestedCount == 0)
        {
            html.Append("<div class=\"verdict none\" role=\"status\"><strong>No drift verdict</strong>: no column could be tested.</div>\n");
            return;
        }

        html.Append("<div class=\"verdict ").Append(drift.DatasetDrifted ? "bad" : "ok").Append("\" role=\"status\"><strong>")
            .Append(drift.DatasetDrifted ? "Dataset drift detected" : "No dataset drift").Append("</strong>: ")
            .Append(Integer(drift.DriftedCount)).Append(" of ").Append(Integer(drift.TestedCount)).Append(" tested columns drifted (share ")
            .Append(Number(drift.Share)).Append(drift.DatasetDrifted ? " ≥ " : " &lt; ").Append("threshold ").Append(Number(drift.DriftShareThreshold))
            .Append(')');
        if (drift.Correction != MultipleTestingCorrection.None)
        {
            html.Append("; p-values adjusted with ").Append(CorrectionName(drift.Correction));
        }

        html.Append(".</div>\n");
    }

    private static string CorrectionName(MultipleTestingCorrection correction) => correction switch
    {
        MultipleTestingCorrection.Bonferroni => "Bonferroni",
        MultipleTestingCorrection.Holm => "Holm",
        MultipleTestingCorrection.BenjaminiHochberg => "Benjamini–Hochberg",
        _ => "none",
    };

    private static void Warnings(StringBuilder html, IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0)
        {
            return;
        }

        html.Append("<section><h2>Warnings</h2><ul class=\"warn\">");
        foreach (var warning in warnings)
        {
            html.Append("<li>").Append(Encode(warning)).Append("</li>");
        }

        html.Append("</ul></section>\n");
    }

    private static void DriftTable(StringBuilder html, DatasetDriftResult drift)
    {
        html.Append("<section><h2>Data drift per column</h2>");
        if (drift.Columns.Count == 0)
        {
            html.Append("<p class=\"empty\">No data: no columns were compared.</p></section>\n");
            return;
        }

        html.Append("<table class=\"sortable\"><caption class=\"empty\">Drifted columns first.</caption><thead><tr>")
            .Append("<th scope=\"col\">Column</th><th scope=\"col\">Kind</th><th scope=\"col\">Method</th><th scope=\"col\">Score</th>")
            .Append("<th scope=\"col\">Threshold</th><th scope=\"col\">Adjusted p</th><th scope=\"col\">Status</th>")
            .Append("<th scope=\"col\">Drifted</th><th scope=\"col\">New categories</th></tr></thead><tbody>");
        foreach (var column in drift.Columns.Where(c => c.Tested && c.Drifted).Concat(drift.Columns.Where(c => !(c.Tested && c.Drifted))))
        {
            var drifted = column.Tested && column.Drifted;
            var result = column.Result;
            html.Append(drifted ? "<tr class=\"drifted\">" : "<tr>")
                .Append("<th scope=\"row\">").Append(Encode(column.Column)).Append("</th><td>")
                .Append(column.Kind == DriftColumnKind.Numerical ? "numerical" : "categorical").Append("</td><td>")
                .Append(Encode(DriftMethodNames.Name(result.Method))).Append("</td>");
            NumberCell(html, result.Score);
            NumberCell(html, result.Threshold);
            NumberCell(html, column.AdjustedPValue);
            html.Append("<td>").Append(StatusName(result.Status)).Append("</td><td class=\"flag\">")
                .Append(drifted ? "⚠ yes" : column.Tested ? "no" : Missing).Append("</td><td>");
            var shown = result.NewCategories.Take(MaxNewCategoriesShown).Select(Encode);
            html.Append(string.Join(", ", shown));
            if (result.NewCategories.Count > MaxNewCategoriesShown)
            {
                html.Append(" … (").Append(Integer(result.NewCategories.Count)).Append(" in all)");
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static string StatusName(DriftStatus status) => status switch
    {
        DriftStatus.Tested => "tested",
        DriftStatus.Constant => "constant",
        DriftStatus.EmptyReference => "empty reference",
        DriftStatus.EmptyCurrent => "empty current",
        DriftStatus.Undefined => "undefined",
        DriftStatus.MissingInCurrent => "missing in current",
        DriftStatus.TypeMismatch => "type mismatch",
        _ => status.ToString(),
    };

    private static void DriftChart(StringBuilder html, DatasetDriftResult drift)
    {
        html.Append("<section><h2>Drift scores</h2>");
        var scored = drift.Columns.Where(c => c.Tested && c.Result.Score is not null).ToList();
        if (scored.Count == 0)
        {
            html.Append("<p class=\"empty\">No data: no column has a drift score.</p></section>\n");
            return;
        }

        html.Append("<figure>");
        SvgCharts.DriftScores(html, scored);
        html.Append("<figcaption>Each bar is the column's score divided by its threshold, so the dashed line (1×) is the threshold ")
            .Append("for every method; red bars drifted. For p-value methods (ks, chisquare, z, cramer_von_mises, anderson) the bar is ")
            .Append("−log10(p) ÷ −log10(threshold), using the adjusted p when a correction applies, so longer always means more drift. ")
            .Append("The number is the score itself; ▸ marks a bar cut at the right edge.</figcaption></figure></section>\n");
    }

    private static void Distributions(StringBuilder html, IReadOnlyList<ColumnDistribution> distributions)
    {
        html.Append("<section><h2>Distributions: reference vs current</h2>");
        if (distributions.Count == 0)
        {
            html.Append("<p class=\"empty\">No data: no distributions were computed.</p></section>\n");
            return;
        }

        html.Append("<p>Share of each side's non-missing values per bin (count ÷ side total).</p>");
        foreach (var distribution in distributions)
        {
            html.Append("<h3>").Append(Encode(distribution.Column)).Append(" <small>(")
                .Append(distribution.Kind == DriftColumnKind.Numerical ? "numerical" : "categorical").Append(")</small></h3>");
            if (distribution.BinLabels.Count == 0)
            {
                html.Append("<p class=\"empty\">No values.</p>");
                continue;
            }

            SvgCharts.Histogram(html, distribution);
            if (distribution.ReferenceCounts.Sum() == 0 || distribution.CurrentCounts.Sum() == 0)
            {
                html.Append("<p class=\"empty\">No ").Append(distribution.ReferenceCounts.Sum() == 0 ? "reference" : "current")
                    .Append(" values in these bins.</p>");
            }

            html.Append('\n');
        }

        html.Append("</section>\n");
    }
}
