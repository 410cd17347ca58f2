using System.Text;
using Gyre.Tuning.Distributions;
using static Gyre.Tuning.Analysis.StudyHtmlText;

namespace Gyre.Tuning.Analysis;

/// <summary>
/// Writes a <see cref="StudyReport"/> as one self-contained HTML5 page (inline CSS and SVG, a tiny optional script that
/// sorts the trials table on a header click; nothing loaded by URL), in the style of the monitoring report. Sections:
/// header with counts, best trial, optimisation history chart, importance bar chart, one parameter-vs-value scatter
/// per parameter, and the trials table. Every text from the study is HTML-encoded; numbers use the invariant culture
/// with 4 significant digits. Thread-safe (no state).
/// </summary>
public static class StudyReportHtml
{
    private const string Style =
        "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#222}" +
        "h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}" +
        "h3{font-size:15px;margin:18px 0 4px;word-break:break-all}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}" +
        "dt{font-weight:600}dd{margin:0}" +
        "table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}" +
        "th{background:#f4f4f4}table.sortable th{cursor:pointer}td.n{text-align:right;font-variant-numeric:tabular-nums}" +
        "tr.best td{background:#e3f4e1}.empty{color:#666;font-style:italic}.charts{display:flex;flex-wrap:wrap;gap:8px 24px}" +
        "figure{margin:0}figcaption{font-size:12px;color:#555;max-width:640px}" +
        "svg{font:10px sans-serif;overflow:visible}svg .pt{fill:#4c78a8;fill-opacity:.75}svg .bar{fill:#4c78a8}" +
        "svg .best{fill:none;stroke:#d62728;stroke-width:1.5}svg .e{text-anchor:end}svg .m{text-anchor:middle}" +
        "svg .grid{stroke:#e4e4e4}svg .axis{stroke:#999}";

    private const string SortScript =
        "document.querySelectorAll('table.sortable thead th').forEach(function(h){h.tabIndex=0;h.title='Sort';" +
        "h.addEventListener('keydown',function(e){if(e.key==='Enter')h.click();});" +
        "h.addEventListener('click',function(){var b=h.closest('table').tBodies[0],i=h.cellIndex,d=h.dataset.d==='1'?-1:1;h.dataset.d=d===1?'1':'0';" +
        "Array.from(b.rows).sort(function(x,y){var p=x.cells[i].dataset.v,q=y.cells[i].dataset.v;" +
        "if(p!==undefined||q!==undefined){if(p===undefined)return 1;if(q===undefined)return -1;return(parseFloat(p)-parseFloat(q))*d;}" +
        "return x.cells[i].textContent.localeCompare(y.cells[i].textContent)*d;}).forEach(function(r){b.appendChild(r);});});});";

    /// <summary>The whole HTML document; <paramref name="generatedAt"/> is shown in the header.</summary>
    public static string Write(StudyReport report, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = "Study " + report.StudyName;
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>").Append(Encode(title))
            .Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        Header(html, report, title, generatedAt);
        Best(html, report);
        History(html, report);
        Importances(html, report);
        Scatters(html, report);
        TrialsTable(html, report);
        html.Append("<script>").Append(SortScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, StudyReport report, string title, DateTimeOffset generatedAt)
    {
        var c = report.Counts;
        html.Append("<header><h1>").Append(Encode(title)).Append("</h1><dl class=\"meta\"><dt>Direction</dt><dd>")
            .Append(report.Direction == StudyDirection.Minimize ? "minimize" : "maximize").Append("</dd><dt>Trials</dt><dd>")
            .Append(c.Total).Append(" (").Append(c.Complete).Append(" complete, ").Append(c.Pruned).Append(" pruned, ")
            .Append(c.Failed).Append(" failed, ").Append(c.Running).Append(" running)</dd><dt>Generated</dt><dd>")
            .Append(generatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))
            .Append("</dd></dl></header>\n");
    }

    private static void Best(StringBuilder html, StudyReport report)
    {
        html.Append("<section><h2>Best trial</h2>");
        if (report.BestTrial is not { } best)
        {
            html.Append("<p class=\"empty\">No trial has completed yet.</p></section>\n");
            return;
        }

        html.Append("<dl class=\"meta\"><dt>Trial</dt><dd>").Append(best.Number).Append("</dd><dt>Value</dt><dd>")
            .Append(Number(best.Value)).Append("</dd><dt>Duration</dt><dd>").Append(Seconds(best.Duration)).Append("</dd>");
        foreach (var (name, value) in best.Params)
        {
            html.Append("<dt>").Append(Encode(name)).Append("</dt><dd>").Append(Encode(Value(value))).Append("</dd>");
        }

        html.Append("</dl></section>\n");
    }

    private static void History(StringBuilder html, StudyReport report)
    {
        html.Append("<section><h2>Optimization history</h2>");
        if (report.History.Count == 0)
        {
            html.Append("<p class=\"empty\">No data: no trial has completed yet.</p></section>\n");
            return;
        }

        html.Append("<figure>");
        StudySvgCharts.History(html, report.History);
        html.Append("<figcaption>Each point is a complete trial's objective value; the red line is the best value so far (")
            .Append(report.Direction == StudyDirection.Minimize ? "lowest" : "highest").Append(").</figcaption></figure></section>\n");
    }

    private static void Importances(StringBuilder html, StudyReport report)
    {
        html.Append("<section><h2>Parameter importance</h2>");
        if (report.Importances.Count == 0)
        {
            html.Append("<p class=\"empty\">No data: importance needs at least two complete trials sharing parameters.</p></section>\n");
            return;
        }

        html.Append("<figure>");
        StudySvgCharts.Importances(html, report.Importances);
        html.Append("<figcaption>").Append(report.ImportanceMethod == ImportanceMethod.Fanova
                ? "fANOVA: the share of the objective's variance each parameter explains alone, "
                : "Mean decrease in impurity, ")
            .Append("from a seeded random forest (64 trees) fitted to the complete trials; the importances sum to 1.</figcaption></figure></section>\n");
    }

    private static void Scatters(StringBuilder html, StudyReport report)
    {
        html.Append("<section><h2>Parameters vs objective value</h2>");
        var complete = report.Trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v)).ToList();
        var names = complete.SelectMany(t => t.Distributions.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            html.Append("<p class=\"empty\">No data: no complete trial has parameters.</p></section>\n");
            return;
        }

        html.Append("<div class=\"charts\">");
        foreach (var name in names)
        {
            var distribution = complete.First(t => t.Distributions.ContainsKey(name)).Distributions[name];
            var points = complete
                .Where(t => t.Distributions.TryGetValue(name, out var d) && d.Equals(distribution))
                .Select(t => (t, distribution.ToInternal(t.Params[name])))
                .ToList();
            html.Append("<figure><h3>").Append(Encode(name)).Append("</h3>");
            StudySvgCharts.Scatter(html, name, distribution, points);
            html.Append("</figure>");
        }

        html.Append("</div></section>\n");
    }

    private static void TrialsTable(StringBuilder html, StudyReport report)
    {
        html.Append("<section><h2>Trials</h2>");
        if (report.Trials.Count == 0)
        {
            html.Append("<p class=\"empty\">No trials yet.</p></section>\n");
            return;
        }

        var names = report.Trials.SelectMany(t => t.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        html.Append("<table class=\"sortable trials\"><thead><tr><th scope=\"col\">Trial</th><th scope=\"col\">State</th>")
            .Append("<th scope=\"col\">Value</th><th scope=\"col\">Duration</th>");
        foreach (var name in names) html.Append("<th scope=\"col\">").Append(Encode(name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var trial in report.Trials)
        {
            html.Append(trial.Number == report.BestTrial?.Number ? "<tr class=\"best\">" : "<tr>")
                .Append("<td class=\"n\" data-v=\"").Append(trial.Number).Append("\">").Append(trial.Number).Append("</td><td>")
                .Append(trial.State.ToString().ToLowerInvariant()).Append("</td>");
            NumberCell(html, trial.Value);
            NumberCell(html, trial.Duration?.TotalSeconds, Seconds(trial.Duration));
            foreach (var name in names)
            {
                if (!trial.Params.TryGetValue(name, out var value))
                {
                    html.Append("<td></td>");
                }
                else if (value is double or long && trial.Distributions.TryGetValue(name, out var d) && d is not CategoricalDistribution)
                {
                    NumberCell(html, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), Value(value));
                }
                else
                {
                    html.Append("<td>").Append(Encode(Value(value))).Append("</td>");
                }
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void NumberCell(StringBuilder html, double? value, string? text = null)
    {
        html.Append("<td class=\"n\"");
        if (value is { } v && double.IsFinite(v)) html.Append(" data-v=\"").Append(Exact(v)).Append('"');
        html.Append('>').Append(text ?? Number(value)).Append("</td>");
    }
}
