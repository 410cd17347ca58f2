using System.CommandLine;

namespace Gyre.Cli.Commands;

/// <summary>Options shared by several commands, so each reads and documents them the same way.</summary>
public static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document on standard output instead of tables." };
}
