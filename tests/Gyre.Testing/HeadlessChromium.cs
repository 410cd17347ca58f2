using System.Diagnostics;

namespace Gyre.Testing;

/// <summary>
/// Debian's Chromium, headless: loads a local HTML page, runs its scripts and returns the resulting DOM and the
/// browser's log (console messages and uncaught script errors appear there), so report pages are checked in a
/// real browser.
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Renders <paramref name="pagePath"/> with a fresh profile under <paramref name="profileFolder"/>; gives up after 90 s.</summary>
    public static async Task<(int ExitCode, string Dom, string Log)> RenderAsync(string pagePath, string profileFolder, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profileFolder}",
                "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(pagePath).AbsoluteUri,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var dom = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var log = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await dom, await log);
    }
}
