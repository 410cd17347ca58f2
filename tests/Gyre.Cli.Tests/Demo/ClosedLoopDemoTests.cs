using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Demo;

/// <summary>
/// The closed loop end to end, as `gyre demo` runs it with real parts on loopback: a model server with monitoring, the
/// scheduler, the retraining pipeline, the registry's gate and the hot swap. Checked from the outside afterwards:
/// tracking (the pipeline run, started by the alert, every step finished) and the registry (audit log, alias).
/// </summary>
public sealed class ClosedLoopDemoTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Demo_ConceptDriftedTraffic_AlertRetrainsGatesPromotesAndServingSwapsWithNoFailedRequest()
    {
        var cli = _folder.Cli();

        var first = (await cli.RunOkAsync("demo", "--rows", "6000", "--json")).Json();

        Assert.True(first["closed"]!.GetValue<bool>());
        Assert.Equal(0, first["failed_requests"]!.GetValue<int>());
        Assert.InRange(first["requests"]!.GetValue<int>(), 100, 100_000);
        Assert.Equal((1, 2), (first["champion_before"]!.GetValue<int>(), first["champion_after"]!.GetValue<int>()));
        var auc = first["roc_auc"]!;
        Assert.InRange(auc["production_before_drift"]!.GetValue<double>(), 0.85, 1.0);
        Assert.InRange(auc["production_drift"]!.GetValue<double>(), 0.0, 0.75);
        Assert.True(auc["production_after_retraining"]!.GetValue<double>() > auc["production_drift"]!.GetValue<double>() + 0.2, auc.ToJsonString());
        Assert.True(first["swap_seconds"]!.GetValue<double>() > first["alert_seconds"]!.GetValue<double>());
        foreach (var report in first["reports"]!.AsArray())
        {
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(report!.GetValue<string>()), StringComparison.OrdinalIgnoreCase);
        }

        // Tracking: the pipeline run was started by the alert, and every step ran and finished.
        var runId = first["pipeline_run_id"]!.GetValue<string>();
        var status = (await cli.RunOkAsync("pipeline", "status", runId, "--json")).Json();
        Assert.Equal("FINISHED", status["run"]!["status"]!.GetValue<string>());
        Assert.StartsWith("alert fraud-auc-drop fired on fraud-demo", status["run"]!["trigger"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            ["validate", "train", "register", "promote", "report"],
            status["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).Order(Comparer<string>.Create((a, b) => Order(a) - Order(b))));
        Assert.All(status["steps"]!.AsArray(), s => Assert.Equal("FINISHED", s!["status"]!.GetValue<string>()));

        // Registry: the pipeline registered version 2 as challenger and the gate promoted it, naming the run and step.
        var history = (await cli.RunOkAsync("models", "history", "fraud-demo", "--json")).Json()["entries"]!.AsArray();
        var promote = Assert.Single(history, e => e!["action"]!.GetValue<string>() == "promote");
        Assert.Equal(2, promote!["version"]!.GetValue<int>());
        Assert.Equal($"pipeline fraud-demo-retrain run {runId}, step promote", promote["reason"]!.GetValue<string>());
        Assert.Contains(history, e => e!["action"]!.GetValue<string>() == "set_alias" && e["alias"]!.GetValue<string>() == "challenger" && e["version"]!.GetValue<int>() == 2);
        var champion = (await cli.RunOkAsync("models", "show", "fraud-demo@champion", "--json")).Json();
        Assert.Equal(2, champion["version"]!["version"]!.GetValue<int>());

        // A second demo in the same workspace closes the loop again (a new alert, a new run; the old event is not replayed).
        var second = (await cli.RunOkAsync("demo", "--rows", "6000", "--json")).Json();

        Assert.True(second["closed"]!.GetValue<bool>());
        Assert.Equal((3, 4), (second["champion_before"]!.GetValue<int>(), second["champion_after"]!.GetValue<int>()));
        Assert.NotEqual(runId, second["pipeline_run_id"]!.GetValue<string>());
        // Every retraining run was started by its own alert event (never twice for one), including both demos' runs.
        var runs = (await cli.RunOkAsync("pipeline", "list", "--json")).Json()["runs"]!.AsArray();
        var events = runs.Select(r => r!["trigger_event"]!.GetValue<string>()).ToList();
        Assert.All(events, e => Assert.StartsWith("alert:", e, StringComparison.Ordinal));
        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.Contains(runs, r => r!["run_id"]!.GetValue<string>() == runId);
        Assert.Contains(runs, r => r!["run_id"]!.GetValue<string>() == second["pipeline_run_id"]!.GetValue<string>());
    }

    private static int Order(string step) => Array.IndexOf(["validate", "train", "register", "promote", "report"], step);
}
