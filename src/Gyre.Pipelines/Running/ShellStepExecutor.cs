using System.Diagnostics;
using Gyre.Core;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>shell</c> step: runs <c>run</c> with <c>/bin/sh -c</c> in <c>cwd</c> (default: the pipeline file's folder),
/// standard output and error into the step's log. Outputs: <c>exit_code</c>, and <c>stdout</c> (trimmed; its last
/// 4,000 characters). A non-zero exit fails the attempt; on cancellation the whole process tree is killed.
/// </summary>
public sealed class ShellStepExecutor : IStepExecutor
{
    private const int MaxOutput = 4000;

    public string Kind => "shell";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = context.Inputs.TryGetValue("cwd", out var cwd) ? Path.GetFullPath(cwd, context.WorkingDirectory) : context.WorkingDirectory;
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(context.Inputs["run"]);
        using var process = Process.Start(start) ?? throw GyreException.InvalidState($"step '{context.StepId}': /bin/sh did not start.");
        var stdout = new System.Text.StringBuilder();
        var log = TextWriter.Synchronized(context.Log);
        var readOut = PumpAsync(process.StandardOutput, line => { stdout.AppendLine(line); log.WriteLine(line); });
        var readErr = PumpAsync(process.StandardError, line => log.WriteLine(line));
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(readOut, readErr);
        if (process.ExitCode != 0)
        {
            throw GyreException.InvalidState($"step '{context.StepId}': the command exited with code {process.ExitCode}.");
        }

        var text = stdout.ToString().Trim();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["exit_code"] = "0",
            ["stdout"] = text.Length > MaxOutput ? text[^MaxOutput..] : text,
        };
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }
}
