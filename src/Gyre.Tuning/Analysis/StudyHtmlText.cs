using System.Globalization;
using System.Net;

namespace Gyre.Tuning.Analysis;

/// <summary>Text and number formatting for the study page: HTML-encoded, invariant culture, 4 significant digits.</summary>
internal static class StudyHtmlText
{
    /// <summary>Shown for a missing number.</summary>
    public const string Missing = "—";

    /// <summary><paramref name="text"/> safe inside element content and double-quoted attributes.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>4 significant digits, invariant culture; "—" for null or NaN.</summary>
    public static string Number(double? value) => value switch
    {
        null => Missing,
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        { } v when double.IsNaN(v) => Missing,
        { } v => v.ToString("G4", CultureInfo.InvariantCulture),
    };

    /// <summary>An exact round-trip number for data attributes.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate with one decimal.</summary>
    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A parameter's external value as text (invariant culture; null as "None" like Optuna).</summary>
    public static string Value(object? value) => value switch
    {
        null => "None",
        double d => Number(d),
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A duration as seconds with one decimal, or "—".</summary>
    public static string Seconds(TimeSpan? duration) =>
        duration is { } d ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s" : Missing;
}
