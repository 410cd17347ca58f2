using Spectre.Console;

namespace Gyre.Cli.Output;

/// <summary>Spectre consoles bound to the CLI environment's writers (so tests capture what users see).</summary>
public static class Consoles
{
    public static IAnsiConsole For(TextWriter writer, bool interactive)
    {
        var settings = new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        };
        var console = AnsiConsole.Create(settings);
        if (!interactive)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>Formats a metric value for tables: 4 decimals, or "-" when absent.</summary>
    public static string Metric(double? value) => value switch
    {
        null => "-",
        var v when double.IsNaN(v.Value) => "NaN",
        var v => v.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
    };
}
