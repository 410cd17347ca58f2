using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Scheduling;
using static Gyre.Cli.Tests.Pipelines.SchedulerHarness;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>
/// Never twice and never too many: several schedulers on one ledger start one run per event, and a pipeline's
/// <c>concurrency</c> slots (shared with `gyre pipeline run`) hold later events back until a run ends.
/// </summary>
public sealed class SchedulerConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A scheduler (no settle time) that has armed the pipeline's files trigger; then each of <paramref name="files"/>
    /// written under in/ with its own content, one second apart from T0 + 1 s, and the clock moved to <paramref name="now"/>.
    /// </summary>
    private static async Task<PipelineScheduler> ArmedThenFilesAsync(SchedulerHarness h, PipelineDefinition pipeline, DateTimeOffset now, params string[] files)
    {
        var scheduler = h.Scheduler(TimeSpan.Zero);
        Assert.Equal(0, await scheduler.TickAsync([pipeline], Ct));
        for (var i = 0; i < files.Length; i++) h.File("in/" + files[i], Path.GetFileNameWithoutExtension(files[i]), T0.AddSeconds(i + 1));
        h.Time.Set(now);
        return scheduler;
    }

    [Fact]
    public async Task TwoSchedulers_OnOneLedgerTickingTogether_StartOneRunPerEvent()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("shared", """
            name: shared
            concurrency: 20
            params: { data: none }
            steps:
              log: { kind: shell, with: { run: "echo ${params.data} >> shared.log" } }
            triggers:
              - files: drop/*.csv
                params: { data: "${event.name}" }
            """);
        var first = h.Scheduler(TimeSpan.Zero);
        var second = h.Scheduler(TimeSpan.Zero);
        Task<int> Both() => Task.WhenAll(Task.Run(() => first.TickAsync([pipeline], Ct)), Task.Run(() => second.TickAsync([pipeline], Ct)))
            .ContinueWith(t => t.Result.Sum(), TaskScheduler.Default);

        Assert.Equal(0, await Both()); // both arm; the first writer's arm wins
        var names = Enumerable.Range(0, 8).Select(i => $"f{i}.csv").ToList();
        foreach (var name in names)
        {
            h.File("drop/" + name, name, T0.AddSeconds(1));
        }

        h.Time.Set(T0.AddSeconds(5));
        var started = await Both();
        started += await Both();
        await first.WhenIdleAsync();
        await second.WhenIdleAsync();
        started += await Both();

        h.AssertNoFailedRuns();
        Assert.Equal(names.Count, started);
        Assert.Equal(names, h.Lines("shared.log").Order(StringComparer.Ordinal));
        var runs = await h.TriggeredRunsAsync();
        Assert.Equal(names.Count, runs.Count);
        Assert.Equal(names.Count, runs.Select(r => Tag(r, PipelineScheduler.EventTag)).Distinct(StringComparer.Ordinal).Count());
        Assert.Single(Directory.GetFiles(Path.Combine(h.Workspace.SchedulerState, "arms")));
    }

    [Fact]
    public async Task ConcurrencyOne_SecondEvent_WaitsUntilTheFirstRunEnds()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("slow", """
            name: slow
            concurrency: 1
            params: { data: none }
            steps:
              work: { kind: shell, with: { run: "echo start ${params.data} >> slow.log; sleep 1; echo end ${params.data} >> slow.log" } }
            triggers:
              - files: in/*.csv
                params: { data: "${event.name}" }
            """);
        var scheduler = await ArmedThenFilesAsync(h, pipeline, T0.AddSeconds(10), "a.csv", "b.csv");

        Assert.Equal(1, await scheduler.TickAsync([pipeline], Ct));
        Assert.Equal(0, await scheduler.TickAsync([pipeline], Ct)); // a still runs: b waits, queued
        Assert.Equal(1, scheduler.Running);
        var waiting = Assert.Single(h.Notices, n => n.What == "waiting");
        Assert.Contains("b.csv", waiting.Event, StringComparison.Ordinal);
        await scheduler.WhenIdleAsync();
        Assert.Equal(1, await scheduler.TickAsync([pipeline], Ct));
        await scheduler.WhenIdleAsync();
        Assert.Equal(0, await scheduler.TickAsync([pipeline], Ct));

        Assert.Equal(["start a.csv", "end a.csv", "start b.csv", "end b.csv"], h.Lines("slow.log"));
    }

    [Fact]
    public async Task ConcurrencyTwo_TwoEvents_RunAtTheSameTime()
    {
        await using var h = await CreateAsync();
        // Each run waits (up to 10 s) until both runs' markers exist: both see 2 only if they run at once.
        var pipeline = await h.PipelineAsync("pair", """
            name: pair
            concurrency: 2
            params: { data: none }
            steps:
              work: { kind: shell, with: { run: "touch started.${params.data}; for i in $(seq 100); do [ $(ls started.* | wc -l) -ge 2 ] && break; sleep 0.1; done; ls started.* | wc -l >> seen.log" } }
            triggers:
              - files: in/*.csv
                params: { data: "${event.name}" }
            """);
        var scheduler = await ArmedThenFilesAsync(h, pipeline, T0.AddSeconds(10), "a.csv", "b.csv");

        Assert.Equal(2, await scheduler.TickAsync([pipeline], Ct));
        await scheduler.WhenIdleAsync();

        h.AssertNoFailedRuns();
        Assert.Equal(["2", "2"], h.Lines("seen.log").Select(l => l.Trim()));
        Assert.DoesNotContain(h.Notices, n => n.What == "waiting");
    }

    [Fact]
    public async Task FreshWorkspace_TwoRunsAtOnce_BothSucceed()
    {
        await using var h = await CreateAsync(withPipelinesExperiment: false);
        var pipeline = await h.PipelineAsync("fresh", """
            name: fresh
            concurrency: 8
            params: { data: none }
            steps:
              log: { kind: shell, with: { run: "echo ${params.data} >> fresh.log" } }
            triggers:
              - files: in/*.csv
                params: { data: "${event.name}" }
            """);
        var scheduler = h.Scheduler(TimeSpan.Zero);
        Assert.Equal(0, await scheduler.TickAsync([pipeline], Ct));
        var names = Enumerable.Range(0, 8).Select(i => $"f{i}.csv").ToList();
        foreach (var name in names)
        {
            h.File("in/" + name, name, T0.AddSeconds(1));
        }

        h.Time.Set(T0.AddSeconds(5));
        Assert.Equal(names.Count, await scheduler.TickAsync([pipeline], Ct));
        await scheduler.WhenIdleAsync();

        h.AssertNoFailedRuns();
        Assert.Equal(names, h.Lines("fresh.log").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Dispose_WhileARunGoesOn_CancelsItRecordsTheClaimAsCancelledAndFreesTheSlot()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("long", """
            name: long
            steps:
              wait: { kind: shell, with: { run: "touch began; sleep 20; touch ended" } }
            triggers:
              - files: in/*.csv
            """);
        var scheduler = await ArmedThenFilesAsync(h, pipeline, T0.AddSeconds(5), "a.csv");
        Assert.Equal(1, await scheduler.TickAsync([pipeline], Ct));
        for (var i = 0; i < 100 && !File.Exists(h.Folder.Combine("began")); i++)
        {
            await Task.Delay(100, Ct);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await h.StopAsync(scheduler);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(0, scheduler.Running);
        Assert.False(File.Exists(h.Folder.Combine("ended")));
        var claim = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(h.Workspace.SchedulerState, "claims")))))!;
        Assert.Equal("cancelled", claim["outcome"]!.GetValue<string>());
        using var slot = PipelineSlot.TryAcquire(h.Workspace.PipelineSlots, "long", 1);
        Assert.NotNull(slot);
        Assert.DoesNotContain(h.Notices, n => n.What == "failed");
    }

    [Fact]
    public async Task Dispose_Twice_IsHarmless()
    {
        await using var h = await CreateAsync();
        var scheduler = h.Scheduler();
        await h.StopAsync(scheduler);

        await scheduler.DisposeAsync();
    }

    [Fact]
    public async Task SlotHeldElsewhere_HoldsTheSchedulerBackUntilReleased()
    {
        await using var h = await CreateAsync();
        var pipeline = await h.PipelineAsync("held", """
            name: held
            steps:
              log: { kind: shell, with: { run: "echo ran >> held.log" } }
            triggers:
              - files: in/*.csv
            """);
        var scheduler = await ArmedThenFilesAsync(h, pipeline, T0.AddSeconds(10), "a.csv");

        using (var slot = PipelineSlot.TryAcquire(h.Workspace.PipelineSlots, "held", 1))
        {
            Assert.NotNull(slot);
            Assert.Equal(0, await scheduler.TickAsync([pipeline], Ct));
            Assert.Contains(h.Notices, n => n.What == "waiting");
        }

        Assert.Equal(1, await scheduler.TickAsync([pipeline], Ct));
        await scheduler.WhenIdleAsync();
        Assert.Equal(["ran"], h.Lines("held.log"));
    }

    [Fact]
    public async Task PipelineRun_WhileTheTestHoldsTheOnlySlot_WaitsAndRunsOnceReleased()
    {
        await using var h = await CreateAsync();
        h.Folder.Write("manual.yaml", """
            name: manual
            steps:
              log: { kind: shell, with: { run: "echo ran >> manual.log" } }
            """);
        var slot = PipelineSlot.TryAcquire(h.Workspace.PipelineSlots, "manual", 1);
        Assert.NotNull(slot);
        Task<Support.CliResult> run;
        try
        {
            run = Task.Run(() => h.Cli.RunAsync("pipeline", "run", "manual.yaml"), Ct);
            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            Assert.False(run.IsCompleted, "the run must wait for the slot");
            Assert.Empty(h.Lines("manual.log"));
        }
        finally
        {
            slot.Dispose();
        }

        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        result.AssertExit(ExitCodes.Success);
        Assert.Contains("Waiting", result.Error, StringComparison.Ordinal);
        Assert.Equal(["ran"], h.Lines("manual.log"));
    }

    [Fact]
    public async Task PipelineRun_WithAFreeSlot_DoesNotWait()
    {
        await using var h = await CreateAsync();
        h.Folder.Write("manual.yaml", """
            name: manual
            concurrency: 2
            steps:
              log: { kind: shell, with: { run: "echo ran >> manual.log" } }
            """);
        using var slot = PipelineSlot.TryAcquire(h.Workspace.PipelineSlots, "manual", 2);
        Assert.NotNull(slot);

        var result = await h.Cli.RunAsync("pipeline", "run", "manual.yaml");

        result.AssertExit(ExitCodes.Success);
        Assert.DoesNotContain("Waiting", result.Error, StringComparison.Ordinal);
    }
}
