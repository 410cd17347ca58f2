using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli;

namespace Gyre.Server.Tests.Support;

/// <summary>Runs the `gyre` command line in-process from <paramref name="workingDirectory"/> with GYRE_HOME = <paramref name="home"/>, capturing both streams.</summary>
public sealed class CliRunner(string workingDirectory, string home)
{
    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(new StringWriter(CultureInfo.InvariantCulture), TestContext.Current.CancellationToken, args);

    /// <summary>Runs with <paramref name="output"/> as stdout until done or <paramref name="cancellationToken"/> (Ctrl+C) fires.</summary>
    public async Task<CliResult> RunAsync(TextWriter output, CancellationToken cancellationToken, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = home };
        var environment = new CliEnvironment(output, error, workingDirectory, variables, Interactive: false);
        var exitCode = await GyreCli.RunAsync(args, environment, cancellationToken);
        return new CliResult(args, exitCode, output.ToString()!, error.ToString());
    }
}

/// <summary>One `gyre` invocation's exit code and streams.</summary>
public sealed record CliResult(IReadOnlyList<string> Args, int ExitCode, string Out, string Error)
{
    public void AssertExit(int expected)
    {
        if (ExitCode != expected)
        {
            Assert.Fail($"gyre {string.Join(' ', Args)} exited {ExitCode}, expected {expected}.\nstdout:\n{Out}\nstderr:\n{Error}");
        }
    }

    public JsonNode Json() => JsonNode.Parse(Out) ?? throw new InvalidOperationException("stdout is the JSON literal null.");
}
