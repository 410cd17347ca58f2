using System.Text;
using Gyre.Tuning.Distributions;
using static Gyre.Tuning.Analysis.StudyHtmlText;

namespace Gyre.Tuning.Analysis;

/// <summary>
/// The study page's inline SVG charts: optimisation history, importance bars and parameter-vs-value scatters. Each
/// chart has a <c>role="img"</c> and an <c>aria-label</c>; colours come from the page's stylesheet classes
/// (<c>pt</c> points, <c>best</c> line, <c>bar</c> bars, <c>grid</c>, <c>axis</c>).
/// </summary>
internal static class StudySvgCharts
{
    private const double Width = 640, Height = 300, Left = 64, Right = 16, Top = 12, Bottom = 40;

    /// <summary>One point per Complete trial (number → value) and the best-so-far as a step line.</summary>
    public static void History(StringBuilder html, IReadOnlyList<HistoryPoint> history)
    {
        var xs = history.Select(p => (double)p.Number).ToList();
        var ys = history.Select(p => p.Value).ToList();
        var frame = Frame.Of(xs, ys);
        Open(html, "history", "Objective value per trial with the best value so far");
        Axes(html, frame, "trial", "objective value", null);
        var steps = new List<string>();
        for (var i = 0; i < history.Count; i++)
        {
            if (i > 0) steps.Add(Coordinate(frame.X(xs[i])) + "," + Coordinate(frame.Y(history[i - 1].BestSoFar)));
            steps.Add(Coordinate(frame.X(xs[i])) + "," + Coordinate(frame.Y(history[i].BestSoFar)));
        }

        html.Append("<polyline class=\"best\" points=\"").Append(string.Join(' ', steps)).Append("\"/>");
        foreach (var point in history)
        {
            html.Append("<circle class=\"pt\" r=\"3\" cx=\"").Append(Coordinate(frame.X(point.Number))).Append("\" cy=\"")
                .Append(Coordinate(frame.Y(point.Value))).Append("\"><title>trial ").Append(point.Number).Append(": ")
                .Append(Number(point.Value)).Append("</title></circle>");
        }

        Legend(html);
        html.Append("</svg>");
    }

    /// <summary>Horizontal bars, one per parameter, longest first; the number is the importance.</summary>
    public static void Importances(StringBuilder html, IReadOnlyList<ParameterImportance> importances)
    {
        const double label = 150, barRow = 22, chartWidth = 640;
        var height = Top + importances.Count * barRow + 8;
        var plotWidth = chartWidth - label - 60;
        html.Append("<svg class=\"importance\" role=\"img\" aria-label=\"Parameter importances\" width=\"").Append(Coordinate(chartWidth))
            .Append("\" height=\"").Append(Coordinate(height)).Append("\" viewBox=\"0 0 ").Append(Coordinate(chartWidth)).Append(' ')
            .Append(Coordinate(height)).Append("\">");
        for (var i = 0; i < importances.Count; i++)
        {
            var y = Top + i * barRow;
            var w = Math.Max(0, importances[i].Importance) * plotWidth;
            html.Append("<text class=\"e\" x=\"").Append(Coordinate(label - 6)).Append("\" y=\"").Append(Coordinate(y + 14)).Append("\">")
                .Append(Encode(Shorten(importances[i].Name, 24))).Append("</text><rect class=\"bar\" x=\"").Append(Coordinate(label))
                .Append("\" y=\"").Append(Coordinate(y + 3)).Append("\" width=\"").Append(Coordinate(w)).Append("\" height=\"15\"><title>")
                .Append(Encode(importances[i].Name)).Append(": ").Append(Number(importances[i].Importance)).Append("</title></rect><text x=\"")
                .Append(Coordinate(label + w + 4)).Append("\" y=\"").Append(Coordinate(y + 14)).Append("\">")
                .Append(Number(importances[i].Importance)).Append("</text>");
        }

        html.Append("</svg>");
    }

    /// <summary>Objective value against one parameter's value for the Complete trials that have it.</summary>
    public static void Scatter(StringBuilder html, string name, ParameterDistribution distribution, IReadOnlyList<(FrozenTrial Trial, double Internal)> points)
    {
        var log = distribution is FloatDistribution { Log: true } or IntDistribution { Log: true };
        double Position(double v) => log ? Math.Log10(v) : v;
        var xs = points.Select(p => Position(p.Internal)).ToList();
        var ys = points.Select(p => p.Trial.Value!.Value).ToList();
        var categorical = distribution as CategoricalDistribution;
        var frame = categorical is null ? Frame.Of(xs, ys) : Frame.Of([-0.5, categorical.Choices.Count - 0.5], ys, padX: false);
        Open(html, "scatter", $"Objective value against {name}");
        Axes(html, frame, name + (log ? " (log scale)" : string.Empty), "objective value",
            categorical?.Choices.Select(Value).ToList(), log);
        for (var i = 0; i < points.Count; i++)
        {
            html.Append("<circle class=\"pt\" r=\"3\" cx=\"").Append(Coordinate(frame.X(xs[i]))).Append("\" cy=\"")
                .Append(Coordinate(frame.Y(ys[i]))).Append("\"><title>trial ").Append(points[i].Trial.Number).Append(": ")
                .Append(Encode(name)).Append('=').Append(Encode(Value(distribution.ToExternal(points[i].Internal)))).Append(", value ")
                .Append(Number(ys[i])).Append("</title></circle>");
        }

        html.Append("</svg>");
    }

    private static void Open(StringBuilder html, string cssClass, string label) =>
        html.Append("<svg class=\"").Append(cssClass).Append("\" role=\"img\" aria-label=\"").Append(Encode(label)).Append("\" width=\"")
            .Append(Coordinate(Width)).Append("\" height=\"").Append(Coordinate(Height)).Append("\" viewBox=\"0 0 ").Append(Coordinate(Width))
            .Append(' ').Append(Coordinate(Height)).Append("\">");

    private static void Axes(StringBuilder html, Frame frame, string xLabel, string yLabel, List<string>? categories, bool logX = false)
    {
        for (var k = 0; k <= 4; k++)
        {
            var v = frame.YMin + (frame.YMax - frame.YMin) * k / 4;
            var y = Coordinate(frame.Y(v));
            html.Append("<line class=\"grid\" x1=\"").Append(Coordinate(Left)).Append("\" x2=\"").Append(Coordinate(Width - Right))
                .Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/><text class=\"e\" x=\"").Append(Coordinate(Left - 4))
                .Append("\" y=\"").Append(y).Append("\" dy=\"3\">").Append(Number(v)).Append("</text>");
        }

        var bottom = Coordinate(Height - Bottom);
        if (categories is not null)
        {
            for (var i = 0; i < categories.Count; i++)
            {
                html.Append("<text class=\"m\" x=\"").Append(Coordinate(frame.X(i))).Append("\" y=\"").Append(Coordinate(Height - Bottom + 14))
                    .Append("\">").Append(Encode(Shorten(categories[i], 14))).Append("</text>");
            }
        }
        else
        {
            for (var k = 0; k <= 4; k++)
            {
                var v = frame.XMin + (frame.XMax - frame.XMin) * k / 4;
                html.Append("<text class=\"m\" x=\"").Append(Coordinate(frame.X(v))).Append("\" y=\"").Append(Coordinate(Height - Bottom + 14))
                    .Append("\">").Append(Number(logX ? Math.Pow(10, v) : v)).Append("</text>");
            }
        }

        html.Append("<line class=\"axis\" x1=\"").Append(Coordinate(Left)).Append("\" x2=\"").Append(Coordinate(Width - Right))
            .Append("\" y1=\"").Append(bottom).Append("\" y2=\"").Append(bottom).Append("\"/><line class=\"axis\" x1=\"")
            .Append(Coordinate(Left)).Append("\" x2=\"").Append(Coordinate(Left)).Append("\" y1=\"").Append(Coordinate(Top))
            .Append("\" y2=\"").Append(bottom).Append("\"/><text class=\"m\" x=\"").Append(Coordinate((Left + Width - Right) / 2))
            .Append("\" y=\"").Append(Coordinate(Height - 6)).Append("\">").Append(Encode(xLabel)).Append("</text><text class=\"m\" transform=\"translate(12 ")
            .Append(Coordinate((Top + Height - Bottom) / 2)).Append(") rotate(-90)\">").Append(Encode(yLabel)).Append("</text>");
    }

    private static void Legend(StringBuilder html) =>
        html.Append("<circle class=\"pt\" r=\"3\" cx=\"").Append(Coordinate(Width - 190)).Append("\" cy=\"").Append(Coordinate(Top + 4))
            .Append("\"/><text x=\"").Append(Coordinate(Width - 182)).Append("\" y=\"").Append(Coordinate(Top + 8)).Append("\">trial value</text>")
            .Append("<line class=\"best\" x1=\"").Append(Coordinate(Width - 110)).Append("\" x2=\"").Append(Coordinate(Width - 94))
            .Append("\" y1=\"").Append(Coordinate(Top + 4)).Append("\" y2=\"").Append(Coordinate(Top + 4)).Append("\"/><text x=\"")
            .Append(Coordinate(Width - 90)).Append("\" y=\"").Append(Coordinate(Top + 8)).Append("\">best so far</text>");

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Data bounds (padded, never empty) and their mapping to the plot area.</summary>
    private readonly record struct Frame(double XMin, double XMax, double YMin, double YMax)
    {
        public static Frame Of(IReadOnlyList<double> xs, IReadOnlyList<double> ys, bool padX = true)
        {
            var (x0, x1) = Bounds(xs, padX);
            var (y0, y1) = Bounds(ys, true);
            return new Frame(x0, x1, y0, y1);
        }

        private static (double, double) Bounds(IReadOnlyList<double> values, bool pad)
        {
            var finite = values.Where(double.IsFinite).ToList();
            if (finite.Count == 0) return (0, 1);
            double low = finite.Min(), high = finite.Max();
            if (high - low < 1e-12 * Math.Max(1, Math.Abs(high)))
            {
                var half = Math.Max(0.5, Math.Abs(low) * 0.05);
                return (low - half, high + half);
            }

            var margin = pad ? (high - low) * 0.05 : 0;
            return (low - margin, high + margin);
        }

        public double X(double v) => Left + (v - XMin) / (XMax - XMin) * (Width - Left - Right);

        public double Y(double v) => Height - Bottom - (v - YMin) / (YMax - YMin) * (Height - Bottom - Top);
    }
}
