using Gyre.Core;
using Gyre.Monitoring.Alerts;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>Durations on the command line, written as in alert rules: 30s, 15m, 1h, 7d.</summary>
public static class Durations
{
    /// <exception cref="GyreException">InvalidInput naming <paramref name="option"/> when the text is not a positive duration.</exception>
    public static TimeSpan Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AlertDuration.TryParse(text, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw GyreException.InvalidInput($"{option}: '{text}' is not a positive duration such as 30s, 15m, 1h or 7d.");
    }
}
