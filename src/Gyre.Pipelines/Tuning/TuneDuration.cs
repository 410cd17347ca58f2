using System.Globalization;
using System.Text.RegularExpressions;
using Gyre.Core;

namespace Gyre.Pipelines.Tuning;

/// <summary>Parses budgets such as "30s", "10m", "1h30m", "2h" or a plain number of seconds.</summary>
public static partial class TuneDuration
{
    /// <summary>The duration <paramref name="text"/> names; InvalidInput (naming <paramref name="field"/>) when it is not one or not positive.</summary>
    public static TimeSpan Parse(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && double.IsFinite(seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        var match = Pattern().Match(trimmed);
        if (!match.Success || trimmed.Length == 0)
        {
            throw GyreException.InvalidInput($"'{field}' must be a duration such as 30s, 10m, 1h30m; got '{text}'.");
        }

        var total = TimeSpan.Zero;
        foreach (var (group, unit) in new[] { ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)) })
        {
            if (match.Groups[group].Success)
            {
                total += unit * double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
            }
        }

        return total > TimeSpan.Zero ? total : throw GyreException.InvalidInput($"'{field}' must be positive; got '{text}'.");
    }

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
