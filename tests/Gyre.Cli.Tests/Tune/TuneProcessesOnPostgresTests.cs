using System.Diagnostics;
using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;
using Gyre.Stores.Postgres;
using Gyre.Testing;
using Gyre.Tuning;
using Npgsql;

namespace Gyre.Cli.Tests.Tune;

/// <summary>
/// The distributed case: three real `gyre tune` processes with one --study on one PostgreSQL store
/// run exactly the study's trial budget between them, each trial once, none lost.
/// </summary>
public sealed class TuneProcessesOnPostgresTests
{
    private const int Budget = 9;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeProcesses_OneStudy_RunExactlyTheBudget()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync(Ct);
        using var folder = new TempFolder();
        try
        {
            await FraudData.SynthAsync(folder.Cli(), "fraud.csv", 600);
            folder.Write("tune.yaml", TunedWorkspace.SpecText.Replace("trials: 30", $"trials: {Budget}", StringComparison.Ordinal));
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            var uri = $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}";

            var processes = Enumerable.Range(0, 3).Select(_ => StartTune(folder, uri)).ToList();
            var outputs = await Task.WhenAll(processes.Select(p => p.ExitAsync()));

            foreach (var (exitCode, output, error) in outputs)
                Assert.True(exitCode == 0, $"gyre tune exited {exitCode}:\n{error}");
            var reports = outputs.Select(o => JsonNode.Parse(o.Output)!).ToList();
            await using var store = await PostgresTrackingStore.OpenAsync(connectionString, folder.Combine("artifacts"), TimeProvider.System, Ct);
            var study = await ((IStudyStorage)store).FindStudyAsync("shared", Ct);
            Assert.NotNull(study);
            var trials = await ((IStudyStorage)store).GetTrialsAsync(study.Id, Ct);
            Assert.Equal(Enumerable.Range(0, Budget), trials.Select(t => t.Number));
            Assert.All(trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, $"trial {t.Number}: {t.State} {t.ErrorMessage}"));
            // Every process agrees on the study's best trial.
            Assert.Single(reports.Select(r => r["best_trial"]!["number"]!.GetValue<int>()).Distinct());
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString, Ct);
        }
    }

    private static TuneProcess StartTune(TempFolder folder, string storeUri)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "gyre.dll"), "tune", "--spec", "tune.yaml", "--study", "shared", "--store", storeUri, "--json" })
            start.ArgumentList.Add(arg);
        start.Environment[Workspace.HomeVariable] = folder.Home;
        start.Environment.Remove("GYRE_TRACKING_URI");
        return new TuneProcess(Process.Start(start)!);
    }

    private sealed class TuneProcess(Process process)
    {
        public async Task<(int ExitCode, string Output, string Error)> ExitAsync()
        {
            using (process)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                timeout.CancelAfter(TimeSpan.FromMinutes(3));
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var error = process.StandardError.ReadToEndAsync(timeout.Token);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }
                return (process.ExitCode, await output, await error);
            }
        }
    }
}
