using System.Text;
using Gyre.Monitoring.Drift;
using static Gyre.Monitoring.Reports.HtmlText;

namespace Gyre.Monitoring.Reports;

/// <summary>
/// Inline SVG charts of the HTML report. Every chart is one &lt;svg role="img"&gt; with a &lt;title&gt;; colours come from
/// CSS classes of the report's stylesheet (<c>ref</c>, <c>cur</c>, <c>bad</c>, <c>ok</c>, <c>est</c>) to keep the file small.
/// </summary>
internal static class SvgCharts
{
    /// <summary>Longest bar in the drift chart, in multiples of the threshold.</summary>
    private const double MaxDriftRatio = 5;

    /// <summary>
    /// One bar per scored column: its score divided by its threshold (p-value methods: −log10(p) / −log10(threshold),
    /// with the adjusted p when present), so 1 is the threshold for every method. Longer = more drift.
    /// </summary>
    public static void DriftScores(StringBuilder html, IReadOnlyList<ColumnDrift> columns)
    {
        const double labelWidth = 190, barWidth = 380, row = 18, top = 6;
        columns = [.. columns.OrderByDescending(DriftRatio)];
        var ratios = columns.Select(DriftRatio).ToList();
        var axis = Math.Clamp(ratios.Select(r => double.IsFinite(r) ? r : MaxDriftRatio).DefaultIfEmpty(0).Max() * 1.05, 2, MaxDriftRatio);
        var height = top + (row * columns.Count) + 22;
        var width = labelWidth + barWidth + 90;
        OpenSvg(html, width, height, "Drift score relative to threshold per column");
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var y = top + (row * i);
            var ratio = ratios[i];
            var length = barWidth * Math.Min(ratio, axis) / axis;
            html.Append("<g><title>").Append(Encode(column.Column)).Append(": ").Append(DriftMethodNames.Name(column.Result.Method))
                .Append(' ').Append(Number(column.AdjustedPValue ?? column.Result.Score)).Append(", threshold ").Append(Number(column.Result.Threshold))
                .Append(column.Drifted ? ", drifted" : ", not drifted").Append("</title>");
            Text(html, labelWidth - 6, y + 13, TruncateMiddle(column.Column, 30), "end");
            html.Append("<rect class=\"").Append(column.Drifted ? "bad" : "ok").Append("\" x=\"").Append(Coordinate(labelWidth))
                .Append("\" y=\"").Append(Coordinate(y + 3)).Append("\" width=\"").Append(Coordinate(Math.Max(length, 1)))
                .Append("\" height=\"12\"/>");
            Text(html, labelWidth + barWidth + 6, y + 13, Number(column.AdjustedPValue ?? column.Result.Score) + (ratio > axis ? " ▸" : string.Empty), "start");
            html.Append("</g>");
        }

        var thresholdX = Coordinate(labelWidth + (barWidth / axis));
        var bottom = top + (row * columns.Count);
        html.Append("<line class=\"axis\" x1=\"").Append(Coordinate(labelWidth)).Append("\" y1=\"").Append(Coordinate(bottom))
            .Append("\" x2=\"").Append(Coordinate(labelWidth + barWidth)).Append("\" y2=\"").Append(Coordinate(bottom)).Append("\"/>");
        html.Append("<line class=\"thr\" x1=\"").Append(thresholdX).Append("\" y1=\"").Append(Coordinate(top)).Append("\" x2=\"")
            .Append(thresholdX).Append("\" y2=\"").Append(Coordinate(bottom)).Append("\"/>");
        Text(html, labelWidth + (barWidth / axis), bottom + 15, "threshold", "middle");
        Text(html, labelWidth + barWidth, bottom + 15, Number(axis) + "×", "end");
        html.Append("</svg>");
    }

    /// <summary>The bar length of <paramref name="column"/> in multiples of its threshold (∞ for p = 0 or a zero threshold).</summary>
    public static double DriftRatio(ColumnDrift column)
    {
        var score = column.AdjustedPValue ?? column.Result.Score ?? 0;
        var threshold = column.Result.Threshold;
        if (DriftMethods.IsPValue(column.Result.Method))
        {
            score = -Math.Log10(Math.Max(score, 1e-300));
            threshold = -Math.Log10(Math.Max(threshold, 1e-300));
        }

        if (score <= 0)
        {
            return 0;
        }

        return threshold > 0 ? score / threshold : double.PositiveInfinity;
    }

    /// <summary>Reference vs current shares (count / side total) per bin, side by side.</summary>
    public static void Histogram(StringBuilder html, ColumnDistribution distribution)
    {
        const double left = 56, top = 22, plotHeight = 150, bottomMargin = 78, plotWidth = 600;
        var referenceShares = Shares(distribution.ReferenceCounts);
        var currentShares = Shares(distribution.CurrentCounts);
        var bins = Math.Min(Math.Min(distribution.BinLabels.Count, referenceShares.Length), currentShares.Length);
        var max = referenceShares.Concat(currentShares).DefaultIfEmpty(0).Max();
        if (max <= 0)
        {
            max = 1;
        }

        var width = left + plotWidth + 10;
        var height = top + plotHeight + bottomMargin;
        OpenSvg(html, width, height, "Distribution of " + distribution.Column + ": reference vs current share per bin");
        Legend(html, left, 12);
        var baseline = top + plotHeight;
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = baseline - (plotHeight * fraction);
            html.Append("<line class=\"grid\" x1=\"").Append(Coordinate(left)).Append("\" y1=\"").Append(Coordinate(y))
                .Append("\" x2=\"").Append(Coordinate(left + plotWidth)).Append("\" y2=\"").Append(Coordinate(y)).Append("\"/>");
            Text(html, left - 4, y + 4, Percent(max * fraction), "end");
        }

        var group = bins == 0 ? plotWidth : plotWidth / bins;
        var bar = Math.Max(group * 0.4, 0.5);
        for (var i = 0; i < bins; i++)
        {
            var x = left + (group * i) + (group * 0.1);
            var label = distribution.BinLabels[i];
            html.Append("<g><title>").Append(Encode(label)).Append(": reference ").Append(Percent(referenceShares[i]))
                .Append(", current ").Append(Percent(currentShares[i])).Append("</title>");
            Bar(html, "ref", x, baseline, bar, plotHeight * referenceShares[i] / max);
            Bar(html, "cur", x + bar, baseline, bar, plotHeight * currentShares[i] / max);
            var labelX = Coordinate(left + (group * (i + 0.5)) + 4);
            var labelY = Coordinate(baseline + 12);
            html.Append("<text transform=\"translate(").Append(labelX).Append(',').Append(labelY)
                .Append(") rotate(-40)\" class=\"e\">").Append(Encode(Truncate(label, 14))).Append("</text></g>");
        }

        html.Append("</svg>");
    }

    /// <summary>
    /// A small line chart of one metric over windows (by position): realized solid, estimated dashed. Missing points break
    /// the line. <paramref name="xLabels"/> names each window (in point tooltips); the first, middle and last of
    /// <paramref name="axisLabels"/> (same length, shorter) are written under the axis.
    /// </summary>
    public static void Line(
        StringBuilder html, string metric, IReadOnlyList<string> xLabels, IReadOnlyList<string> axisLabels, double?[] realized, double?[]? estimated)
    {
        const double left = 44, top = 10, plotWidth = 290, plotHeight = 100, bottomMargin = 34;
        var values = realized.Concat(estimated ?? []).OfType<double>().Where(double.IsFinite).ToList();
        var low = values.DefaultIfEmpty(0).Min();
        var high = values.DefaultIfEmpty(1).Max();
        var pad = high > low ? (high - low) * 0.08 : Math.Max(Math.Abs(high), 1) * 0.05;
        low -= pad;
        high += pad;
        var count = xLabels.Count;
        double X(int i) => left + (count <= 1 ? plotWidth / 2 : plotWidth * i / (count - 1));
        double Y(double v) => top + (plotHeight * (high - v) / (high - low));

        OpenSvg(html, left + plotWidth + 16, top + plotHeight + bottomMargin, metric + " per window");
        var baseline = top + plotHeight;
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var v = low + ((high - low) * fraction);
            html.Append("<line class=\"grid\" x1=\"").Append(Coordinate(left)).Append("\" y1=\"").Append(Coordinate(Y(v)))
                .Append("\" x2=\"").Append(Coordinate(left + plotWidth)).Append("\" y2=\"").Append(Coordinate(Y(v))).Append("\"/>");
            Text(html, left - 4, Y(v) + 4, Number(v), "end");
        }

        Series(html, "ref", xLabels, realized, X, Y, "realized");
        if (estimated is not null)
        {
            Series(html, "est", xLabels, estimated, X, Y, "estimated");
        }

        foreach (var i in new[] { 0, count / 2, count - 1 }.Where(i => i >= 0).Distinct())
        {
            var anchor = count <= 1 ? "middle" : i == 0 ? "start" : i == count - 1 ? "end" : "middle";
            Text(html, X(i), baseline + 14 + (i == count / 2 && i != 0 && i != count - 1 ? 12 : 0), Truncate(axisLabels[i], 24), anchor);
        }

        html.Append("</svg>");
    }

    private static void Series(
        StringBuilder html, string cssClass, IReadOnlyList<string> xLabels, double?[] values, Func<int, double> x, Func<double, double> y, string name)
    {
        var points = new List<string>();
        void Flush()
        {
            if (points.Count > 1)
            {
                html.Append("<polyline class=\"l").Append(cssClass).Append("\" points=\"").Append(string.Join(' ', points)).Append("\"/>");
            }

            points.Clear();
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v && double.IsFinite(v))
            {
                points.Add(Coordinate(x(i)) + "," + Coordinate(y(v)));
                html.Append("<circle class=\"").Append(cssClass).Append("\" cx=\"").Append(Coordinate(x(i))).Append("\" cy=\"")
                    .Append(Coordinate(y(v))).Append("\" r=\"2\"><title>").Append(Encode(xLabels[i])).Append(": ").Append(name)
                    .Append(' ').Append(Number(v)).Append("</title></circle>");
            }
            else
            {
                Flush();
            }
        }

        Flush();
    }

    private static double[] Shares(IReadOnlyList<long> counts)
    {
        var total = counts.Sum(c => (double)c);
        return [.. counts.Select(c => total > 0 ? c / total : 0)];
    }

    private static void OpenSvg(StringBuilder html, double width, double height, string title) =>
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(Coordinate(width)).Append("\" height=\"")
            .Append(Coordinate(height)).Append("\" viewBox=\"0 0 ").Append(Coordinate(width)).Append(' ').Append(Coordinate(height))
            .Append("\"><title>").Append(Encode(title)).Append("</title>");

    private static void Legend(StringBuilder html, double x, double y)
    {
        html.Append("<rect class=\"ref\" x=\"").Append(Coordinate(x)).Append("\" y=\"").Append(Coordinate(y - 9)).Append("\" width=\"10\" height=\"10\"/>");
        Text(html, x + 14, y, "reference", "start");
        html.Append("<rect class=\"cur\" x=\"").Append(Coordinate(x + 90)).Append("\" y=\"").Append(Coordinate(y - 9)).Append("\" width=\"10\" height=\"10\"/>");
        Text(html, x + 104, y, "current", "start");
    }

    private static void Bar(StringBuilder html, string cssClass, double x, double baseline, double width, double height)
    {
        if (height < 0.05)
        {
            return;
        }

        html.Append("<rect class=\"").Append(cssClass).Append("\" x=\"").Append(Coordinate(x)).Append("\" y=\"")
            .Append(Coordinate(baseline - height)).Append("\" width=\"").Append(Coordinate(width)).Append("\" height=\"")
            .Append(Coordinate(height)).Append("\"/>");
    }

    private static void Text(StringBuilder html, double x, double y, string text, string anchor)
    {
        html.Append("<text x=\"").Append(Coordinate(x)).Append("\" y=\"").Append(Coordinate(y)).Append('"');
        if (anchor != "start")
        {
            html.Append(anchor == "end" ? " class=\"e\"" : " class=\"m\"");
        }

        html.Append('>').Append(Encode(text)).Append("</text>");
    }
}
