using System.Diagnostics;
using Gyre.Server.Tests.Support;
using Gyre.Testing;

namespace Gyre.Server.Tests.Ui;

/// <summary>
/// Runs one browser script (tests/Gyre.Server.Tests/Ui/browser/NAME.mjs) with node: playwright-core (tools/node)
/// driving Debian's Chromium headless against a <see cref="BrowserFixture"/>'s server. The script gets the server
/// address, the seed file and the screenshot folder in <c>GYRE_UI_URL</c>, <c>GYRE_UI_SEED</c> and
/// <c>GYRE_UI_SCREENSHOTS</c>; it prints <c>ui NAME: N checks passed</c> and exits 0, or says what failed and
/// exits 1. A missing node, Chromium or playwright-core fails the test with how to install them: nothing is skipped.
/// </summary>
public static class BrowserScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Where the screenshots go: <c>ui-screenshots/</c> beside the test binaries.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "ui-screenshots");

    /// <summary>Runs <paramref name="name"/>.mjs and fails with its output unless it passed.</summary>
    public static async Task RunAsync(string name, BrowserFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var script = Path.Combine(RepositoryFiles.Root, "tests", "Gyre.Server.Tests", "Ui", "browser", name + ".mjs");
        var node = FindNode();
        var playwright = Path.Combine(RepositoryFiles.Root, "tools", "node", "node_modules", "playwright-core", "package.json");
        const string install = "run tools/install-test-deps.sh (it installs node, npm's playwright-core in tools/node and Debian's chromium)";
        Assert.True(node is not null, $"node is not installed: {install}.");
        Assert.True(HeadlessChromium.IsInstalled, $"{HeadlessChromium.ExecutablePath} is not installed: {install}.");
        Assert.True(File.Exists(playwright), $"playwright-core is not installed in tools/node: {install}.");
        Assert.True(File.Exists(script), $"The browser script {script} is missing.");
        Directory.CreateDirectory(ScreenshotFolder);

        var start = new ProcessStartInfo(node!)
        {
            ArgumentList = { script },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.Environment["GYRE_UI_URL"] = fixture.Server.Address.ToString();
        start.Environment["GYRE_UI_SEED"] = fixture.SeedFile;
        start.Environment["GYRE_UI_SCREENSHOTS"] = ScreenshotFolder;
        var (exitCode, output, error) = await RunAsync(start);

        Assert.True(
            exitCode == 0 && output.Contains($"ui {name}: ", StringComparison.Ordinal),
            $"node {Path.GetFileName(script)} exited {exitCode}.\nstdout:\n{output}\nstderr:\n{error}");
        Assert.Matches($@"(?m)^ui {name}: \d+ checks passed\s*$", output);
    }

    /// <summary>When GYRE_UPDATE_SCREENSHOTS=1: copies screenshot <paramref name="shot"/> (a file name in <see cref="ScreenshotFolder"/>) to docs/images/<paramref name="target"/>.</summary>
    public static void PublishScreenshot(string shot, string target)
    {
        if (Environment.GetEnvironmentVariable("GYRE_UPDATE_SCREENSHOTS") != "1")
        {
            return;
        }

        var source = Path.Combine(ScreenshotFolder, shot);
        Assert.True(File.Exists(source), $"The screenshot {source} was not written.");
        var images = Path.Combine(RepositoryFiles.Root, "docs", "images");
        Directory.CreateDirectory(images);
        var temp = Path.Combine(images, "." + target + ".tmp");
        File.Copy(source, temp, overwrite: true);
        File.Move(temp, Path.Combine(images, target), overwrite: true);
    }

    private static string? FindNode()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "node"))
            .FirstOrDefault(File.Exists);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var ct = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"node {start.ArgumentList[0]} did not finish within {Timeout.TotalMinutes} minutes.\nstdout so far:\n{await SafeAsync(output)}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static async Task<string> SafeAsync(Task<string> text)
    {
        try
        {
            return await text.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            return "(unavailable)";
        }
    }
}
