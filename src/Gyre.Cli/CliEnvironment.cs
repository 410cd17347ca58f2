namespace Gyre.Cli;

/// <summary>
/// What a command may touch of the outside world: its output streams, working folder and environment
/// variables. Tests run the CLI in-process with their own writers and folders.
/// </summary>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Variables,
    bool Interactive)
{
    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return new CliEnvironment(Console.Out, Console.Error, Environment.CurrentDirectory, variables, !Console.IsOutputRedirected);
    }

    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A path given by the user, resolved against the working folder.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
