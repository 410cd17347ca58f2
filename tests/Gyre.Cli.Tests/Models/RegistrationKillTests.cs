using System.Diagnostics;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Models;

/// <summary>
/// Registration is atomic: `gyre models register` runs as a real process and is killed after a growing delay,
/// from before it opens the workspace to after it finishes. After every kill the registry holds only complete
/// versions: each one listed loads and verifies, and registering again still works.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class RegistrationKillTests(TrainedWorkspace workspace) : IDisposable
{
    private static readonly int[] KillAfterMilliseconds = [0, 100, 200, 300, 400, 500, 600, 700, 800, 1000, 1200, 1500, 2000, 3000];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Register_KilledAtManyPoints_LeavesOnlyCompleteVersions()
    {
        var cli = _folder.Cli();
        var package = _folder.Combine("package");
        Directory.CreateDirectory(package);
        foreach (var file in Directory.GetFiles(TrainedWorkspace.ModelPath(workspace.First)))
        {
            File.Copy(file, Path.Combine(package, Path.GetFileName(file)));
        }

        foreach (var delay in KillAfterMilliseconds)
        {
            await RegisterAndKillAsync(package, delay);
            var show = await cli.RunAsync("models", "show", "fraud", "--json");
            if (show.ExitCode != ExitCodes.Success)
            {
                Assert.Contains("not found", show.Error, StringComparison.OrdinalIgnoreCase);
                continue;
            }

            foreach (var version in show.Json()["versions"]!.AsArray())
            {
                var reference = $"fraud/{version!["version"]!.GetValue<int>()}";
                await cli.RunOkAsync("models", "diff", reference, reference, "--json");
            }
        }

        var final = (await cli.RunOkAsync("models", "register", "fraud", "--package", package, "--json")).Json();
        await cli.RunOkAsync("models", "diff", "fraud/1", $"fraud/{final["version"]!["version"]!.GetValue<int>()}");
    }

    /// <summary>Starts `gyre models register fraud --package PACKAGE` and kills its process tree after <paramref name="delay"/> ms (if still running).</summary>
    private async Task RegisterAndKillAsync(string package, int delay)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "gyre.dll"), "models", "register", "fraud", "--package", package, "--no-alias" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Workspace.HomeVariable] = _folder.Home;
        start.Environment.Remove("GYRE_TRACKING_URI");
        using var process = Process.Start(start)!;
        var drainOut = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var drainError = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await Task.Delay(delay, TestContext.Current.CancellationToken);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await Task.WhenAll(drainOut, drainError);
    }
}
