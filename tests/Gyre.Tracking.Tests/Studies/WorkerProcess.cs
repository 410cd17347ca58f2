using System.Diagnostics;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>
/// A running tests/Gyre.Tuning.Worker process (built next to this test assembly: same configuration and target
/// framework), its standard output collected. Disposing kills it if it still runs.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];

    private WorkerProcess(Process process) => this.process = process;

    /// <summary>The worker's dll: this test assembly's output folder with the project name swapped.</summary>
    public static string WorkerDll
    {
        get
        {
            var testsOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var marker = $"{Path.DirectorySeparatorChar}Gyre.Tracking.Tests{Path.DirectorySeparatorChar}";
            var index = testsOutput.LastIndexOf(marker, StringComparison.Ordinal);
            Assert.True(index >= 0, $"Cannot find the worker from the test output folder {testsOutput}.");
            var dll = Path.Combine(
                testsOutput[..index] + $"{Path.DirectorySeparatorChar}Gyre.Tuning.Worker{Path.DirectorySeparatorChar}" + testsOutput[(index + marker.Length)..],
                "Gyre.Tuning.Worker.dll");
            Assert.True(File.Exists(dll), $"The worker {dll} is not built; build Gyre.slnx (the test project references it).");
            return dll;
        }
    }

    /// <summary>Lines the worker printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>Starts <c>dotnet Gyre.Tuning.Worker.dll kind database study studyTrials objectiveMs</c>.</summary>
    public static WorkerProcess Start(string kind, string database, string study, int studyTrials, int objectiveMilliseconds)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WorkerDll, kind, database, study, studyTrials.ToString(System.Globalization.CultureInfo.InvariantCulture), objectiveMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Add(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Add(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for the worker to exit by itself and asserts exit code 0 (its output in the message otherwise).</summary>
    public async Task AssertExitsCleanlyAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The worker did not finish within {timeout}. Output:\n{string.Join('\n', Lines)}");
        }

        Assert.True(process.ExitCode == 0, $"The worker exited with {process.ExitCode}. Output:\n{string.Join('\n', Lines)}");
    }

    /// <summary>Kills the worker at once (SIGKILL on Unix): no finally block, no last heartbeat.</summary>
    public void KillNow()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }
}
