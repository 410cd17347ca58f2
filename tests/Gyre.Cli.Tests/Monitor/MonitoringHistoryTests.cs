using Gyre.Cli.Tests.Support;
using Gyre.Data.Synthetic;
using Gyre.Pipelines.Monitoring;
using Gyre.Core;
using Gyre.Stores.Sqlite;
using Gyre.Tracking;

namespace Gyre.Cli.Tests.Monitor;

/// <summary>Monitoring evaluations kept over time as metrics of one tracked run per endpoint, on a real SQLite store.</summary>
public sealed class MonitoringHistoryTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Record_TwoEvaluations_OneRunPerEndpointWithAPointPerEvaluationAtItsTime()
    {
        var reference = _folder.Combine("reference.csv");
        var drifted = _folder.Combine("drifted.csv");
        await FraudTransactionGenerator.WriteCsvAsync(reference, 3000, 1, FraudDrift.None, Ct);
        await FraudTransactionGenerator.WriteCsvAsync(drifted, 3000, 2, FraudDrift.Covariate, Ct);
        var job = new MonitorJob(null, null);
        var first = (await job.RunAsync(new MonitorRequest { ReferencePath = reference, CurrentPath = reference }, null, Ct)) with { GeneratedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000) };
        var second = (await job.RunAsync(new MonitorRequest { ReferencePath = reference, CurrentPath = drifted }, null, Ct)) with { GeneratedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_060) };
        RunId run;
        await using (var store = await SqliteTrackingStore.OpenAsync(_folder.Combine("gyre.db"), _folder.Combine("artifacts"), TimeProvider.System, Ct))
        {
            run = await new MonitoringHistory(store).RecordAsync("fraud", first, Ct);
            await new MonitoringHistory(store).RecordAsync("other", first, Ct);

            // A new process (a new history object) finds the endpoint's run again.
            Assert.Equal(run, await new MonitoringHistory(store).RecordAsync("fraud", second, Ct));

            var share = (await store.GetMetricHistoryAsync(run, "dataset_drift_share", null, null, Ct)).Items;
            Assert.Equal([1_800_000_000L, 1_800_000_060L], share.Select(m => m.Step));
            Assert.Equal([first.Drift.Share!.Value, second.Drift.Share!.Value], share.Select(m => m.Value));
            Assert.True(share[1].Value > share[0].Value, "the drifted evaluation drifts more");
            var amount = (await store.GetMetricHistoryAsync(run, "feature_drift.amount", null, null, Ct)).Items;
            Assert.Equal(second.Drift.Columns.Single(c => c.Column == "amount").Result.Score!.Value, amount[^1].Value);
            var rows = (await store.GetMetricHistoryAsync(run, "rows", null, null, Ct)).Items;
            Assert.Equal([3000.0, 3000.0], rows.Select(m => m.Value));
            var experiment = (await store.FindExperimentByNameAsync(MonitoringHistory.Experiment, Ct))!;
            var runs = await store.SearchRunsAsync(new RunSearch([experiment.Id]), Ct);
            Assert.Equal(["fraud", "other"], runs.Items.Select(r => r.Data.Tags.Single(t => t.Key == MonitoringHistory.EndpointTag).Value).Order());
        }
    }
}
