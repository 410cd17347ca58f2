using Gyre.Stores.Postgres;
using Gyre.Stores.Sqlite;
using Gyre.Testing;
using Gyre.Tuning;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>
/// Several tests/Gyre.Tuning.Worker processes on one study in the tracking store: the study-wide budget holds
/// across processes, and a killed worker's trial is failed by the heartbeat check and replaced.
/// </summary>
public sealed class MultiProcessStudyTests : IDisposable
{
    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The worker's grace period: twice its 1 s heartbeat interval (Gyre.Tuning.Worker.Program.HeartbeatInterval).</summary>
    private static readonly TimeSpan WorkerGracePeriod = TimeSpan.FromSeconds(2);
    private readonly TemporaryFolder folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeWorkersOnPostgres_CompleteExactlyTheStudyBudget_NumbersWithoutGapsOrDuplicates()
    {
        const int budget = 30;
        var server = await PostgresServer.GetAsync();
        var database = await server.CreateDatabaseAsync(Ct);
        try
        {
            // Create the schema once, so the workers do not race to migrate an empty database.
            await using (await PostgresTrackingStore.OpenAsync(database, folder.Combine("artifacts"), null, Ct))
            {
            }

            var workers = Enumerable.Range(0, 3).Select(_ => WorkerProcess.Start("postgres", database, "shared", budget, 150)).ToList();
            try
            {
                foreach (var worker in workers)
                {
                    await worker.AssertExitsCleanlyAsync(WorkerTimeout);
                }

                await using var store = await PostgresTrackingStore.OpenAsync(database, folder.Combine("artifacts"), null, Ct);
                var study = (await store.FindStudyAsync("shared", Ct))!;
                var trials = await ((IStudyStorage)store).GetTrialsAsync(study.Id, Ct);

                Assert.Equal(Enumerable.Range(0, budget), trials.Select(t => t.Number));
                Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
                Assert.All(trials, t => Assert.InRange((double)t.Params["x"]!, -10, 10));
                var started = workers.SelectMany(w => w.Lines).Where(l => l.StartsWith("trial ", StringComparison.Ordinal)).ToList();
                Assert.Equal(budget, started.Count); // each trial ran in exactly one process
                Assert.Equal(budget, started.Distinct().Count());
                Assert.True(workers.Count(w => w.Lines.Any(l => l.StartsWith("trial ", StringComparison.Ordinal))) >= 2, "The trials should be shared between the workers.");
            }
            finally
            {
                workers.ForEach(w => w.Dispose());
            }
        }
        finally
        {
            await server.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    [Fact]
    public async Task WorkerKilledDuringATrial_OnSqlite_TrialFailsAfterTheGracePeriod_AndANewWorkerFinishesTheStudy()
    {
        const int budget = 6;
        var path = folder.Combine("db", "tracking.db");
        await using (await SqliteTrackingStore.OpenAsync(path, folder.Combine("artifacts"), null, Ct))
        {
        }

        using (var doomed = WorkerProcess.Start("sqlite", path, "resumed", budget, 600_000))
        {
            await WaitUntilAsync(() => doomed.Lines.Contains("trial 0"), "the first worker to start trial 0", doomed);
            doomed.KillNow();
        }

        using var successor = WorkerProcess.Start("sqlite", path, "resumed", budget, 20);
        await successor.AssertExitsCleanlyAsync(WorkerTimeout);

        await using var store = await SqliteTrackingStore.OpenAsync(path, folder.Combine("artifacts"), null, Ct);
        var study = (await store.FindStudyAsync("resumed", Ct))!;
        var trials = await ((IStudyStorage)store).GetTrialsAsync(study.Id, Ct);

        Assert.Equal(TrialState.Fail, trials[0].State);
        Assert.Equal(StaleTrials.ErrorMessage(WorkerGracePeriod), trials[0].ErrorMessage);
        Assert.Equal(Enumerable.Range(0, budget + 1), trials.Select(t => t.Number));
        Assert.Equal(budget, trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(Enumerable.Range(1, budget).Select(n => $"trial {n}"), successor.Lines.Where(l => l.StartsWith("trial ", StringComparison.Ordinal)));
    }

    public void Dispose() => folder.Dispose();

    private static async Task WaitUntilAsync(Func<bool> condition, string what, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}. Output:\n{string.Join('\n', worker.Lines)}");
            await Task.Delay(50, Ct);
        }
    }
}
