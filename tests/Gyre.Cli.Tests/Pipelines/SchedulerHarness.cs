using System.Collections.Concurrent;
using Gyre.Cli.Tests.Support;
using Gyre.Monitoring.Alerts;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Running;
using Gyre.Pipelines.Scheduling;
using Gyre.Tracking;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>A clock the test moves by hand (thread-safe).</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Set(DateTimeOffset at)
    {
        lock (_gate)
        {
            _now = at;
        }
    }
}

/// <summary>
/// A real SQLite workspace in a temp folder and <see cref="PipelineScheduler"/>s on it driven tick by tick with a
/// <see cref="ManualTime"/>: runs are real shell steps tracked in the workspace, events are real files, alert
/// event lines and registry audit entries.
/// </summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 1, 0, TimeSpan.Zero);

    private readonly List<PipelineScheduler> _schedulers = [];

    private SchedulerHarness(TempFolder folder, CliRunner cli, Workspace workspace)
    {
        Folder = folder;
        Cli = cli;
        Workspace = workspace;
    }

    public TempFolder Folder { get; }

    public CliRunner Cli { get; }

    public Workspace Workspace { get; }

    public ManualTime Time { get; } = new(T0);

    /// <summary>Every notice of every scheduler made here, in order heard.</summary>
    public ConcurrentQueue<SchedulerNotice> Notices { get; } = new();

    /// <param name="withPipelinesExperiment">Creates the pipelines experiment up front, as any earlier pipeline run would: concurrent
    /// first runs on a fresh workspace race to create it (see <c>SchedulerConcurrencyTests.FreshWorkspace_TwoRunsAtOnce_BothSucceed</c>).</param>
    public static async Task<SchedulerHarness> CreateAsync(bool withPipelinesExperiment = true)
    {
        var folder = new TempFolder();
        var cli = folder.Cli();
        var workspace = await Workspace.OpenAsync(cli.Environment(TextWriter.Null, TextWriter.Null), TestContext.Current.CancellationToken);
        if (withPipelinesExperiment)
        {
            await workspace.Tracking.CreateExperimentAsync(PipelineRunner.Experiment, null, null, TestContext.Current.CancellationToken);
        }

        return new SchedulerHarness(folder, cli, workspace);
    }

    /// <summary>A scheduler on the workspace's ledger and slots; files must settle for <paramref name="fileSettle"/> of <see cref="Time"/>.</summary>
    public PipelineScheduler Scheduler(TimeSpan? fileSettle = null)
    {
        var runner = new PipelineRunner(Workspace.Tracking, Workspace.Artifacts, [new ShellStepExecutor()]);
        var polling = new TriggerPolling(new JsonlAlertEventSink(Workspace.AlertEvents), Workspace.Registry, fileSettle ?? TimeSpan.FromSeconds(2));
        var scheduler = new PipelineScheduler(new TriggerLedger(Workspace.SchedulerState), Workspace.PipelineSlots, polling,
            (pipeline, parameters, tags, ct) => runner.RunAsync(pipeline, parameters, null, ct, useCache: false, tags), Time)
        {
            Notices = Notices.Enqueue,
        };
        _schedulers.Add(scheduler);
        return scheduler;
    }

    /// <summary>Writes the pipeline file <paramref name="name"/>.yaml in the folder and reads it.</summary>
    public async Task<PipelineDefinition> PipelineAsync(string name, string yaml) =>
        await PipelineYaml.ReadFileAsync(Folder.Write(name + ".yaml", yaml), TestContext.Current.CancellationToken);

    /// <summary>A file in the folder with the given last-write time (by the test's clock).</summary>
    public string File(string name, string text, DateTimeOffset writtenAt)
    {
        var path = Folder.Write(name, text);
        System.IO.File.SetLastWriteTimeUtc(path, writtenAt.UtcDateTime);
        return path;
    }

    /// <summary>The lines shell steps appended to <paramref name="name"/> in the folder (none when absent).</summary>
    public string[] Lines(string name) => System.IO.File.Exists(Folder.Combine(name)) ? System.IO.File.ReadAllLines(Folder.Combine(name)) : [];

    /// <summary>The pipeline parent runs that a trigger started (tagged <see cref="PipelineScheduler.EventTag"/>).</summary>
    public Task<IReadOnlyList<Run>> TriggeredRunsAsync() => TriggeredRunsAsync(Workspace);

    /// <summary>The pipeline parent runs in <paramref name="workspace"/> that a trigger started.</summary>
    public static async Task<IReadOnlyList<Run>> TriggeredRunsAsync(Workspace workspace)
    {
        var ct = TestContext.Current.CancellationToken;
        var experiment = await workspace.Tracking.FindExperimentByNameAsync(PipelineRunner.Experiment, ct);
        if (experiment is null)
        {
            return [];
        }

        var page = await workspace.Tracking.SearchRunsAsync(new RunSearch([experiment.Id]) { MaxResults = 1000 }, ct);
        return [.. page.Items.Where(r => r.Data.Tags.Any(t => t.Key == PipelineScheduler.EventTag))];
    }

    /// <summary>Fails naming every run that ended "failed" (with the scheduler's message).</summary>
    public void AssertNoFailedRuns()
    {
        var failed = Notices.Where(n => n.What is "failed" or "error").Select(n => $"{n.What} {n.Event}: {n.Message}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    public static string Tag(Run run, string key) => run.Data.Tags.Single(t => t.Key == key).Value;

    /// <summary>Disposes <paramref name="scheduler"/> now (and not again at the end: a second DisposeAsync throws, see
    /// <c>SchedulerConcurrencyTests.Dispose_Twice_IsHarmless</c>).</summary>
    public async Task StopAsync(PipelineScheduler scheduler)
    {
        _schedulers.Remove(scheduler);
        await scheduler.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scheduler in _schedulers)
        {
            await scheduler.DisposeAsync();
        }

        Folder.Dispose();
    }
}
