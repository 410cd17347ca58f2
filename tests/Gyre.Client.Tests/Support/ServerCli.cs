using System.Globalization;
using Gyre.Cli;
using Gyre.Cli.Commands;
using Gyre.Client;

namespace Gyre.Client.Tests.Support;

/// <summary>
/// Runs the real `gyre` CLI in-process against a live server: GYRE_TRACKING_URI names the server, GYRE_HOME is
/// <c>home</c> under <paramref name="workingFolder"/> and <paramref name="user"/> is the registry actor.
/// </summary>
internal sealed class ServerCli(LiveServer server, string workingFolder, string user)
{
    public async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Workspace.HomeVariable] = Path.Combine(workingFolder, "home"),
            [TrackingClient.TrackingUriVariable] = server.TrackingUri,
            [ModelsCommands.UserVariable] = user,
        };
        var environment = new CliEnvironment(output, error, workingFolder, variables, Interactive: false);
        var exitCode = await GyreCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the command and returns its standard output; fails the test (with standard error) on a non-zero exit.</summary>
    public async Task<string> RunOkAsync(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);
        Assert.True(exitCode == 0, $"gyre {string.Join(' ', args)} exited {exitCode}: {error}");
        return output;
    }
}
