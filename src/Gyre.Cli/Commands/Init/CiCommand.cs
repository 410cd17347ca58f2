namespace Gyre.Cli.Commands.Init;

/// <summary>
/// One gyre invocation a scaffolded project's CI runs: a step title and the arguments after <c>gyre</c>. Arguments
/// never hold spaces or quotes, so <see cref="Line"/> is the same shell command in every CI file.
/// </summary>
public sealed record CiCommand(string Title, IReadOnlyList<string> Arguments)
{
    /// <summary>How the CI files invoke the local tool restored from <c>.config/dotnet-tools.json</c>.</summary>
    public const string ToolPrefix = "dotnet gyre";

    /// <summary>The shell command line: <c>dotnet gyre ARGS</c>.</summary>
    public string Line => ToolPrefix + " " + string.Join(' ', Arguments);
}
