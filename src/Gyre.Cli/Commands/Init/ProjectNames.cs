using System.Text.RegularExpressions;

namespace Gyre.Cli.Commands.Init;

/// <summary>
/// Project names `gyre init` accepts: a letter or digit, then letters, digits, '-' or '_' (at most 64). The name is
/// the folder, the pipeline and the registered model, and appears unquoted in shell commands and YAML.
/// </summary>
public static partial class ProjectNames
{
    /// <summary>Null when <paramref name="name"/> is acceptable, else why not.</summary>
    public static string? Problem(string name) =>
        NamePattern().IsMatch(name)
            ? null
            : $"project name '{name}' must start with a letter or digit and hold only letters, digits, '-' and '_' (at most 64 characters).";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
