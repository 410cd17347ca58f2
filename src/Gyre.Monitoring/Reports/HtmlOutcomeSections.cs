using System.Text;
using Gyre.Monitoring.Concept;
using Gyre.Monitoring.Fairness;
using Gyre.Monitoring.Performance;
using static Gyre.Monitoring.Reports.HtmlText;

namespace Gyre.Monitoring.Reports;

/// <summary>The HTML report's sections about the model's outcomes: performance over time, concept drift and fairness.</summary>
internal static class HtmlOutcomeSections
{
    /// <summary>
    /// One line chart per metric over the unsegmented windows (x = window start in UTC when <paramref name="timed"/>, else the
    /// windows' row ranges by position), then per metric a table of the latest window of each segment.
    /// </summary>
    public static void Performance(StringBuilder html, IReadOnlyList<PerformanceWindow> windows, bool timed)
    {
        html.Append("<section><h2>Performance over time</h2>");
        var overall = windows.Where(w => w.Segment is null).OrderBy(w => w.Start).ToList();
        var segmented = windows.Where(w => w.Segment is not null).ToList();
        if (overall.Count == 0 && segmented.Count == 0)
        {
            html.Append("<p class=\"empty\">No data: no performance windows (no predictions with ground truth or estimates).</p></section>\n");
            return;
        }

        if (overall.Count > 0)
        {
            var labels = WindowLabels(overall, timed);
            IReadOnlyList<string> axisLabels = timed ? [.. overall.Select(w => ShortTime(w.Start))] : labels;
            var metrics = MetricNames(overall);
            html.Append("<p>").Append(Integer(overall.Count)).Append(overall.Count == 1 ? " window" : " windows").Append(", x = ")
                .Append(timed ? "window start (UTC)" : "rows of each window, in order")
                .Append(". Solid blue: realized (labeled rows); dashed orange: estimated without labels.</p>");
            if (metrics.Count == 0)
            {
                html.Append("<p class=\"empty\">No metric is defined on any window (e.g. no labeled rows yet).</p>");
            }

            html.Append("<div class=\"charts\">");
            foreach (var metric in metrics)
            {
                var realized = overall.Select(w => Value(w.Realized, metric)).ToArray();
                var estimated = overall.Select(w => w.Estimated is null ? null : Value(w.Estimated, metric)).ToArray();
                html.Append("<figure><figcaption><strong>").Append(Encode(metric)).Append("</strong></figcaption>");
                SvgCharts.Line(html, metric, labels, axisLabels, realized, estimated.Any(v => v is not null) ? estimated : null);
                html.Append("</figure>");
            }

            html.Append("</div>\n");
        }

        if (segmented.Count > 0)
        {
            Segments(html, segmented, timed);
        }

        html.Append("</section>\n");
    }

    private static void Segments(StringBuilder html, List<PerformanceWindow> segmented, bool timed)
    {
        var latest = segmented.GroupBy(w => w.Segment!, StringComparer.Ordinal)
            .Select(g => g.OrderBy(w => w.Start).Last())
            .OrderBy(w => w.Segment, StringComparer.Ordinal)
            .ToList();
        html.Append("<h3>Latest window per segment</h3>");
        foreach (var metric in MetricNames(latest))
        {
            html.Append("<table class=\"sortable\"><caption>").Append(Encode(metric)).Append("</caption><thead><tr>")
                .Append("<th scope=\"col\">Segment</th><th scope=\"col\">Window</th><th scope=\"col\">Rows</th>")
                .Append("<th scope=\"col\">Labeled</th><th scope=\"col\">Realized</th><th scope=\"col\">Estimated</th></tr></thead><tbody>");
            foreach (var window in latest)
            {
                html.Append("<tr><th scope=\"row\">").Append(Encode(window.Segment)).Append("</th><td>")
                    .Append(timed ? Time(window.Start) + " to " + Time(window.End) : "positions " + Integer(window.Start) + "–" + Integer(window.End))
                    .Append("</td>");
                NumberCell(html, window.Rows);
                NumberCell(html, window.LabeledRows);
                NumberCell(html, Value(window.Realized, metric));
                NumberCell(html, window.Estimated is null ? null : Value(window.Estimated, metric));
                html.Append("</tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append('\n');
    }

    private static List<string> WindowLabels(List<PerformanceWindow> windows, bool timed)
    {
        if (timed)
        {
            return [.. windows.Select(w => Time(w.Start))];
        }

        var labels = new List<string>(windows.Count);
        var first = 1L;
        foreach (var window in windows)
        {
            var last = first + Math.Max(window.Rows, 1) - 1;
            labels.Add("rows " + Integer(first) + "–" + Integer(last));
            first = last + 1;
        }

        return labels;
    }

    private static List<string> MetricNames(IEnumerable<PerformanceWindow> windows) =>
        [.. windows.SelectMany(w => w.Realized.Keys.Concat(w.Estimated?.Keys ?? [])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static double? Value(IReadOnlyDictionary<string, double> metrics, string metric) =>
        metrics.TryGetValue(metric, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>A table of the detections, when there are any.</summary>
    public static void ConceptDrift(StringBuilder html, IReadOnlyList<ConceptDriftDetection>? detections, bool timed)
    {
        if (detections is null || detections.Count == 0)
        {
            return;
        }

        html.Append("<section><h2>Concept drift</h2><p>Changes found by streaming detectors in the error stream of labeled ")
            .Append("predictions; the error is the mean before the change and from it to the next change.</p>")
            .Append("<table class=\"sortable\"><thead><tr><th scope=\"col\">Detector</th><th scope=\"col\">")
            .Append(timed ? "Time (UTC)" : "Position").Append("</th><th scope=\"col\">Row</th><th scope=\"col\">Error before</th>")
            .Append("<th scope=\"col\">Error after</th><th scope=\"col\">Change</th></tr></thead><tbody>");
        foreach (var detection in detections)
        {
            html.Append("<tr><th scope=\"row\">").Append(Encode(detection.Detector)).Append("</th><td>")
                .Append(timed ? Time(detection.Time) : Integer(detection.Time)).Append("</td>");
            NumberCell(html, detection.Row);
            NumberCell(html, detection.ErrorBefore);
            NumberCell(html, detection.ErrorAfter);
            html.Append("<td>").Append(Number(detection.ErrorBefore)).Append(" → ").Append(Number(detection.ErrorAfter))
                .Append(detection.ErrorAfter > detection.ErrorBefore ? " (worse)" : detection.ErrorAfter < detection.ErrorBefore ? " (better)" : string.Empty)
                .Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    /// <summary>Per protected attribute: a table of group rates and the four fairness figures.</summary>
    public static void Fairness(StringBuilder html, IReadOnlyList<FairnessResult> results)
    {
        html.Append("<section><h2>Fairness</h2>");
        if (results.Count == 0)
        {
            html.Append("<p class=\"empty\">No data: no protected attribute was analysed.</p></section>\n");
            return;
        }

        foreach (var result in results)
        {
            html.Append("<h3>").Append(Encode(result.Attribute)).Append(" <small>(positive class ‘").Append(Encode(result.PositiveClass))
                .Append("’)</small></h3><table class=\"sortable\"><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Rows</th>")
                .Append("<th scope=\"col\">Selection rate</th><th scope=\"col\">True positive rate</th>")
                .Append("<th scope=\"col\">False positive rate</th><th scope=\"col\">Accuracy</th></tr></thead><tbody>");
            foreach (var group in result.Groups)
            {
                html.Append("<tr><th scope=\"row\">").Append(Encode(group.Group)).Append("</th>");
                NumberCell(html, group.Count);
                NumberCell(html, group.SelectionRate);
                NumberCell(html, group.TruePositiveRate);
                NumberCell(html, group.FalsePositiveRate);
                NumberCell(html, group.Accuracy);
                html.Append("</tr>");
            }

            html.Append("</tbody></table><table><tbody>");
            Figure(html, "Demographic parity difference (max − min selection rate)", result.DemographicParityDifference);
            Figure(html, "Demographic parity ratio (min ÷ max selection rate)", result.DemographicParityRatio);
            Figure(html, "Equal opportunity difference (max − min true positive rate)", result.EqualOpportunityDifference);
            Figure(html, "Equalized odds difference (larger of the TPR and FPR differences)", result.EqualizedOddsDifference);
            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Figure(StringBuilder html, string name, double? value)
    {
        html.Append("<tr><th scope=\"row\">").Append(Encode(name)).Append("</th>");
        NumberCell(html, value);
        html.Append("</tr>");
    }
}
