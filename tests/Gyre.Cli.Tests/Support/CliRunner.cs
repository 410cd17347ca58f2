using System.Globalization;

namespace Gyre.Cli.Tests.Support;

/// <summary>
/// Runs the `gyre` command line in-process, as a user would from <paramref name="workingDirectory"/> with
/// GYRE_HOME set to <paramref name="home"/> and a non-interactive terminal, capturing both streams.
/// </summary>
public sealed class CliRunner(string workingDirectory, string home)
{
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>The GYRE_HOME the commands run with.</summary>
    public string Home { get; } = home;

    /// <summary>The environment commands see (for tests that open the workspace directly).</summary>
    public CliEnvironment Environment(TextWriter output, TextWriter error) =>
        new(output, error, WorkingDirectory, new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = Home }, Interactive: false);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = Home };
        var environment = new CliEnvironment(output, error, WorkingDirectory, variables, Interactive: false);
        var exitCode = await GyreCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
        return new CliResult(args, exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed; fails the test with its stderr otherwise.</summary>
    public async Task<CliResult> RunOkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        result.AssertExit(ExitCodes.Success);
        return result;
    }
}
