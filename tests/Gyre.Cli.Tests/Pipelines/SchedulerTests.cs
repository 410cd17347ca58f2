using Gyre.Monitoring.Alerts;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Scheduling;
using Gyre.Registry;
using static Gyre.Cli.Tests.Pipelines.SchedulerHarness;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>
/// <see cref="PipelineScheduler"/> driven tick by tick on a real workspace: each trigger kind starts one real run per
/// event after its arm, with params from the event, and the run's parent names the trigger and event.
/// </summary>
public sealed class SchedulerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 1, 1, hour, minute, second, TimeSpan.Zero);

    /// <summary>Sets the clock, ticks, and waits for the runs the tick started.</summary>
    private static async Task<int> TickAsync(SchedulerHarness h, PipelineScheduler scheduler, PipelineDefinition pipeline, DateTimeOffset at)
    {
        h.Time.Set(at);
        var started = await scheduler.TickAsync([pipeline], Ct);
        await scheduler.WhenIdleAsync();
        return started;
    }

    [Fact]
    public async Task Cron_DueTimes_StartOneRunEachAndOneForSeveralMissed()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("on-cron", """
            name: on-cron
            params: { data: none }
            steps:
              log: { kind: shell, with: { run: "echo ${params.data} >> cron.log" } }
            triggers:
              - cron: "*/5 * * * *"
                params: { data: "${event.time}" }
            """);
        var scheduler = h.Scheduler();

        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0)); // 10:01: armed
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, At(10, 4, 59)));
        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, At(10, 5, 1)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, At(10, 5, 30)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, At(10, 5, 59)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, At(10, 9, 59)));
        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, At(10, 21, 0))); // slept through 10:10, 10:15 and 10:20
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, At(10, 22, 0)));
        var restarted = h.Scheduler();
        Assert.Equal(0, await TickAsync(h, restarted, pipeline, At(10, 23, 0))); // same ledger: neither re-armed nor re-run

        Assert.Equal(["2026-01-01T10:05:00.000Z", "2026-01-01T10:20:00.000Z"], h.Lines("cron.log"));
        Assert.Single(h.Notices, n => n.What == "armed");
        Assert.Equal(2, h.Notices.Count(n => n.What == "finished"));
        var runs = await h.TriggeredRunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("cron", Tag(r, PipelineScheduler.TriggerTag)));
        Assert.Equal(
            [$"cron:{At(10, 5).ToUnixTimeSeconds()}", $"cron:{At(10, 20).ToUnixTimeSeconds()}"],
            runs.Select(r => Tag(r, PipelineScheduler.EventTag)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cron_ArmedLate_DoesNotReplayTimesBeforeItsArm()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("hourly", """
            name: hourly
            steps:
              log: { kind: shell, with: { run: "echo ran >> hourly.log" } }
            triggers:
              - cron: "0 * * * *"
            """);
        var scheduler = h.Scheduler();

        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, At(10, 30))); // 10:00 was due before the arm
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, At(10, 59, 59)));
        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, At(11, 0, 0)));

        Assert.Equal(["ran"], h.Lines("hourly.log"));
    }

    [Fact]
    public async Task Alert_FiringEventOfTheRule_StartsOneRunWithTheEventsValues()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("on-alert", """
            name: on-alert
            params: { data: none }
            steps:
              log: { kind: shell, with: { run: "echo ${params.data} >> alert.log" } }
            triggers:
              - alert: auc-drop
                model: fraud
                params: { data: "${event.rule}/${event.model}/${event.metric}/${event.value}/${event.severity}/${event.id}" }
            """);
        var sink = new JsonlAlertEventSink(h.Workspace.AlertEvents);
        var scheduler = h.Scheduler();

        await sink.AppendAsync(Alert("before-arm", "auc-drop", AlertEventState.Firing, T0.AddMinutes(-1), "fraud"), Ct);
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0));
        await sink.AppendAsync(Alert("resolved", "auc-drop", AlertEventState.Resolved, T0.AddSeconds(10), "fraud"), Ct);
        await sink.AppendAsync(Alert("other-rule", "latency-high", AlertEventState.Firing, T0.AddSeconds(11), "fraud"), Ct);
        await sink.AppendAsync(Alert("other-model", "auc-drop", AlertEventState.Firing, T0.AddSeconds(12), "churn"), Ct);
        await sink.AppendAsync(Alert("no-model", "auc-drop", AlertEventState.Firing, T0.AddSeconds(13), null), Ct);
        await sink.AppendAsync(Alert("fired", "auc-drop", AlertEventState.Firing, T0.AddSeconds(20), "fraud"), Ct);

        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(30)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(40)));

        Assert.Equal(["auc-drop/fraud/auc/0.61/critical/fired"], h.Lines("alert.log"));
        var run = Assert.Single(await h.TriggeredRunsAsync());
        Assert.Equal("alert", Tag(run, PipelineScheduler.TriggerTag));
        Assert.Equal("alert:fired", Tag(run, PipelineScheduler.EventTag));
        Assert.Contains("auc-drop fired on fraud", Tag(run, PipelineScheduler.EventDescriptionTag), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_AnyRule_TakesEveryFiringEventOnce()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("any-alert", """
            name: any-alert
            concurrency: 5
            params: { rule: none }
            steps:
              log: { kind: shell, with: { run: "echo ${params.rule} >> any.log" } }
            triggers:
              - alert: "*"
                params: { rule: "${event.rule}" }
            """);
        var sink = new JsonlAlertEventSink(h.Workspace.AlertEvents);
        var scheduler = h.Scheduler();
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0));
        await sink.AppendAsync(Alert("a", "auc-drop", AlertEventState.Firing, T0.AddSeconds(1), "fraud"), Ct);
        await sink.AppendAsync(Alert("b", "latency-high", AlertEventState.Firing, T0.AddSeconds(2), null), Ct);
        await sink.AppendAsync(Alert("c", "latency-high", AlertEventState.Resolved, T0.AddSeconds(3), null), Ct);

        Assert.Equal(2, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(10)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(20)));

        h.AssertNoFailedRuns();
        Assert.Equal(["auc-drop", "latency-high"], h.Lines("any.log").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Files_NewSettledFile_StartsOneRunAndARewriteStartsAnother()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("on-file", """
            name: on-file
            params: { data: none }
            steps:
              log: { kind: shell, with: { run: "echo ${params.data} >> files.log" } }
            triggers:
              - files: incoming/*.csv
                params: { data: "${event.path}" }
            """);
        var scheduler = h.Scheduler(fileSettle: TimeSpan.FromSeconds(2));
        h.File("incoming/old.csv", "old", T0.AddSeconds(-10));

        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0));
        var fresh = h.File("incoming/new.csv", "a,b\n1,2\n", T0.AddSeconds(10));
        h.File("incoming/.partial.csv", "x", T0.AddSeconds(10));
        h.File("incoming/notes.txt", "x", T0.AddSeconds(10));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(11))); // still settling
        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(13)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(14)));
        h.File("incoming/new.csv", "a,b\n1,2\n3,4\n", T0.AddSeconds(20)); // rewritten: new size and time
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(21)));
        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(30)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(40)));

        Assert.Equal([fresh, fresh], h.Lines("files.log"));
        var runs = await h.TriggeredRunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("files", Tag(r, PipelineScheduler.TriggerTag)));
        Assert.All(runs, r => Assert.StartsWith($"file:{fresh}:", Tag(r, PipelineScheduler.EventTag), StringComparison.Ordinal));
        Assert.Equal(2, runs.Select(r => Tag(r, PipelineScheduler.EventTag)).Distinct(StringComparer.Ordinal).Count());
        Assert.All(runs, r => Assert.Contains($"new file {fresh}", Tag(r, PipelineScheduler.EventDescriptionTag), StringComparison.Ordinal));
        var finished = h.Notices.Where(n => n.What == "finished").Select(n => n.RunId).Order(StringComparer.Ordinal);
        Assert.Equal(runs.Select(r => r.Info.RunId.Value).Order(StringComparer.Ordinal), finished);
        var claims = Directory.GetFiles(Path.Combine(h.Workspace.SchedulerState, "claims"))
            .Select(f => System.Text.Json.Nodes.JsonNode.Parse(System.IO.File.ReadAllText(f))!).ToList();
        Assert.Equal(2, claims.Count);
        Assert.All(claims, c => Assert.Equal("finished", c["outcome"]!.GetValue<string>()));
        Assert.Equal(finished, claims.Select(c => c["run_id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Alias_Moves_StartOneRunPerMoveWithTheVersion()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("on-alias", """
            name: on-alias
            params: { version: none }
            steps:
              log: { kind: shell, with: { run: "echo ${params.version} >> alias.log" } }
            triggers:
              - alias: fraud@champion
                params: { version: "${event.version}" }
            """);
        var registry = h.Workspace.Registry;
        var actor = new RegistryActor("tester");
        await registry.CreateRegisteredModelAsync("fraud", null, null, actor, Ct);
        for (var i = 0; i < 3; i++)
        {
            await registry.CreateModelVersionAsync(new NewModelVersion("fraud", "runs:/r/model"), actor, Ct);
        }

        await registry.SetAliasAsync("fraud", "champion", 1, actor, Ct); // before the arm
        var scheduler = h.Scheduler();

        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0));
        await registry.SetAliasAsync("fraud", "challenger", 2, actor, Ct);
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(5)));
        await registry.SetAliasAsync("fraud", "champion", 2, actor, Ct);
        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(10)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(15)));
        await registry.SetAliasAsync("fraud", "champion", 3, actor, Ct);
        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(20)));
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(25)));

        Assert.Equal(["2", "3"], h.Lines("alias.log"));
        var runs = await h.TriggeredRunsAsync();
        Assert.All(runs, r => Assert.Equal("alias", Tag(r, PipelineScheduler.TriggerTag)));
        Assert.All(runs, r => Assert.StartsWith("audit:", Tag(r, PipelineScheduler.EventTag), StringComparison.Ordinal));
        Assert.Contains(runs, r => Tag(r, PipelineScheduler.EventDescriptionTag).Contains("fraud@champion moved to version 3 by tester", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alias_ModelRegisteredAfterTheArm_StartsARunOnItsFirstMove()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("on-new-model", """
            name: on-new-model
            params: { version: none }
            steps:
              log: { kind: shell, with: { run: "echo ${params.version} >> alias.log" } }
            triggers:
              - alias: churn@champion
                params: { version: "${event.version}" }
            """);
        var scheduler = h.Scheduler();
        Assert.Equal(0, await TickAsync(h, scheduler, pipeline, T0));
        var actor = new RegistryActor("tester");
        await h.Workspace.Registry.CreateRegisteredModelAsync("churn", null, null, actor, Ct);
        await h.Workspace.Registry.CreateModelVersionAsync(new NewModelVersion("churn", "runs:/r/model"), actor, Ct);
        await h.Workspace.Registry.SetAliasAsync("churn", "champion", 1, actor, Ct);

        Assert.Equal(1, await TickAsync(h, scheduler, pipeline, T0.AddSeconds(5)));

        Assert.Equal(["1"], h.Lines("alias.log"));
    }

    private static AlertEvent Alert(string id, string rule, AlertEventState state, DateTimeOffset at, string? model) =>
        new(id, rule, "auc", AlertSeverity.Critical, state, new Dictionary<string, string>(StringComparer.Ordinal), 0.61, "<", 0.7, at.AddMinutes(-1), at, model);
}
