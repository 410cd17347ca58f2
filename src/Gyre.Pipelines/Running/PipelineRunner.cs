using System.Collections.Concurrent;
using System.Diagnostics;
using Gyre.Core;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Tuning;
using Gyre.Tracking;

namespace Gyre.Pipelines.Running;

/// <summary>
/// Runs a validated pipeline stage by stage; the steps of a stage run in parallel. Each step gets its inputs with
/// <c>${params.*}</c> and <c>${steps.*.outputs.*}</c> resolved, up to <c>retries</c> + 1 attempts, each cut at its
/// <c>timeout</c>. When a step fails for good, the steps of its stage still finish and every later stage is skipped.
/// Everything is tracked in the <see cref="Experiment"/> experiment: a parent run per pipeline run (the parameters as
/// params; FINISHED or FAILED) and a child run per step that started (inputs as params, outputs as
/// <c>gyre.output.NAME</c> tags, <c>attempts</c> metric, its log as the <c>step.log</c> artifact).
/// A cached step (<see cref="StepDefinition.Cache"/>) whose key (<see cref="StepCacheKey"/>) matches a finished
/// step run does not run: its child run reuses that run's outputs and names it in <see cref="CacheHitTag"/>.
/// </summary>
public sealed class PipelineRunner(ITrackingStore tracking, IArtifactStore artifacts, IEnumerable<IStepExecutor> executors, TimeProvider? time = null)
{
    public const string Experiment = "pipelines";
    public const string PipelineTag = "gyre.pipeline";
    public const string StepTag = "gyre.pipeline.step";
    public const string KindTag = "gyre.pipeline.kind";
    public const string OutputTagPrefix = "gyre.output.";
    public const string CacheKeyTag = "gyre.cache.key";
    public const string CacheHitTag = "gyre.cache.hit";
    public const string ResumeOfTag = "gyre.pipeline.resume_of";
    public const string ResumedFromTag = "gyre.pipeline.resumed_from";

    private readonly Dictionary<string, IStepExecutor> _executors = executors.ToDictionary(e => e.Kind, StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="pipeline"/> with <paramref name="overrides"/> replacing parameter defaults.
    /// <paramref name="onStep"/> hears each step's end (on the runner's thread, in stage order). Without
    /// <paramref name="useCache"/> every step runs (and a cached kind still records its key for later runs).
    /// <paramref name="tags"/> go on the parent run (a scheduler names the trigger and event that started it).
    /// </summary>
    /// <exception cref="GyreException">InvalidInput for an unknown parameter; InvalidState naming the steps whose kind cannot run here; nothing is tracked then.</exception>
    public Task<PipelineRunResult> RunAsync(
        PipelineDefinition pipeline, IReadOnlyDictionary<string, string> overrides, Action<StepRunResult>? onStep, CancellationToken cancellationToken, bool useCache = true,
        IReadOnlyList<Tag>? tags = null) =>
        RunCoreAsync(pipeline, overrides, onStep, null, useCache, null, cancellationToken, tags);

    /// <summary>
    /// Resumes the pipeline run <paramref name="previous"/> (failed, or left RUNNING by a killed process; its
    /// <paramref name="steps"/> as <see cref="PipelineHistory.StatusAsync"/> reads them): a new run of the same file
    /// with the same parameters, in which every step that finished before reuses its outputs (tagged
    /// <see cref="ResumedFromTag"/>) and the others run. A previous run still RUNNING is marked KILLED first.
    /// </summary>
    public async Task<PipelineRunResult> ResumeAsync(
        PipelineDefinition pipeline, TrackedPipelineRun previous, IReadOnlyList<TrackedPipelineRun> steps, Action<StepRunResult>? onStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(steps);
        if (previous.Status == RunStatus.Finished)
        {
            throw GyreException.InvalidState($"Pipeline run {previous.RunId} finished; there is nothing to resume (run the pipeline again).");
        }

        if (previous.Status == RunStatus.Running)
        {
            await tracking.UpdateRunAsync(new RunId(previous.RunId), RunStatus.Killed, (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds(), null, cancellationToken);
        }

        var completed = steps.Where(s => s.Status == RunStatus.Finished && s.Step is not null).GroupBy(s => s.Step!).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return await RunCoreAsync(pipeline, previous.Parameters.Where(p => pipeline.Parameters.ContainsKey(p.Key)).ToDictionary(), onStep, completed, true, previous.RunId, cancellationToken);
    }

    private async Task<PipelineRunResult> RunCoreAsync(
        PipelineDefinition pipeline, IReadOnlyDictionary<string, string> overrides, Action<StepRunResult>? onStep,
        IReadOnlyDictionary<string, TrackedPipelineRun>? completed, bool useCache, string? resumeOf, CancellationToken cancellationToken, IReadOnlyList<Tag>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(overrides);
        var unknown = overrides.Keys.Where(k => !pipeline.Parameters.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw GyreException.InvalidInput($"--param {unknown[0]}: pipeline '{pipeline.Name}' has no such parameter; its params are: {string.Join(", ", pipeline.Parameters.Keys)}.");
        }

        var notRunnable = pipeline.Steps.Where(s => !_executors.ContainsKey(s.Kind.Name)).ToList();
        if (notRunnable.Count > 0)
        {
            throw GyreException.InvalidState(
                $"{pipeline.SourcePath}: step(s) {string.Join(", ", notRunnable.Select(s => $"'{s.Id}' ({s.Kind.Name}, line {s.Line})"))} cannot run yet; runnable kinds: {string.Join(", ", _executors.Keys)}.");
        }

        var watch = Stopwatch.StartNew();
        var parameters = pipeline.Parameters.ToDictionary(p => p.Key, p => overrides.TryGetValue(p.Key, out var value) ? value : p.Value.Text, StringComparer.Ordinal);
        List<Tag> parentTags = [new(PipelineTag, pipeline.Name), new(RunContext.SourceNameTag, Path.GetFullPath(pipeline.SourcePath))];
        if (resumeOf is not null)
        {
            parentTags.Add(new Tag(ResumeOfTag, resumeOf));
        }

        parentTags.AddRange(tags ?? []);

        await using var parent = await TrackedRun.StartAsync(tracking, artifacts, Experiment, pipeline.Name, parentTags, time, cancellationToken);
        await parent.LogParamsAsync(parameters.Select(p => KeyValuePair.Create(p.Key, Clip(p.Value))), cancellationToken);
        var results = new ConcurrentDictionary<string, StepRunResult>(StringComparer.Ordinal);
        var failed = false;
        foreach (var stage in pipeline.Stages)
        {
            if (failed)
            {
                foreach (var id in stage)
                {
                    results[id] = new StepRunResult(id, StepStatus.Skipped, 0, new Dictionary<string, string>(), "an earlier stage failed", null, TimeSpan.Zero);
                    onStep?.Invoke(results[id]);
                }

                continue;
            }

            var ended = await Task.WhenAll(stage.Select(id => RunStepAsync(pipeline, pipeline.Step(id), parameters, results, parent.Info, useCache, completed?.GetValueOrDefault(id), cancellationToken)));
            foreach (var result in ended)
            {
                results[result.StepId] = result;
                failed |= result.Status != StepStatus.Succeeded;
                onStep?.Invoke(result);
            }
        }

        if (failed)
        {
            await parent.FailAsync(cancellationToken);
        }
        else
        {
            await parent.EndAsync(cancellationToken);
        }

        return new PipelineRunResult(pipeline.Name, parent.Id.Value, !failed, [.. pipeline.Steps.Select(s => results[s.Id])], watch.Elapsed);
    }

    private async Task<StepRunResult> RunStepAsync(
        PipelineDefinition pipeline, StepDefinition step, Dictionary<string, string> parameters,
        ConcurrentDictionary<string, StepRunResult> done, RunInfo parent, bool useCache, TrackedPipelineRun? finishedBefore, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var inputs = step.With.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.Resolve(r => r.Step is null ? parameters[r.Name] : done[r.Step].Outputs[r.Name]),
            StringComparer.Ordinal);
        var workingDirectory = Path.GetDirectoryName(Path.GetFullPath(pipeline.SourcePath))!;
        var executor = _executors[step.Kind.Name];
        var referenced = step.With.Values.SelectMany(v => v.References).Select(r => r.Step is null ? parameters[r.Name] : done[r.Step].Outputs[r.Name]);
        var cacheKey = step.Cache ? await StepCacheKey.ComputeAsync(step, executor.Version, inputs, referenced, workingDirectory, cancellationToken) : null;
        var hit = finishedBefore is not null
            ? (finishedBefore.RunId, finishedBefore.Outputs)
            : cacheKey is not null && useCache ? await FindCachedAsync(parent.ExperimentId, cacheKey, cancellationToken) : null;
        List<Tag> tags = [new(TuneTags.ParentRunId, parent.RunId.Value), new(PipelineTag, pipeline.Name), new(StepTag, step.Id), new(KindTag, step.Kind.Name)];
        if (cacheKey is not null)
        {
            tags.Add(new Tag(CacheKeyTag, cacheKey));
        }

        if (hit is not null)
        {
            tags.Add(new Tag(finishedBefore is null ? CacheHitTag : ResumedFromTag, hit.Value.RunId));
        }

        await using var run = await TrackedRun.StartAsync(tracking, artifacts, Experiment, $"{pipeline.Name}/{step.Id}", tags, time, cancellationToken);
        await run.LogParamsAsync(inputs.Select(i => KeyValuePair.Create("input." + i.Key, Clip(i.Value))), cancellationToken);
        if (hit is { } cached)
        {
            await run.SetTagsAsync(cached.Outputs.Select(o => new Tag(OutputTagPrefix + o.Key, o.Value)), cancellationToken);
            await run.EndAsync(cancellationToken);
            return new StepRunResult(step.Id, StepStatus.Succeeded, 0, cached.Outputs, null, run.Id.Value, watch.Elapsed, cached.RunId);
        }

        var logPath = Path.Combine(Path.GetTempPath(), $"gyre-step-{Guid.NewGuid():N}.log");
        try
        {
            IReadOnlyDictionary<string, string>? outputs = null;
            string? error = null;
            var attempt = 0;
            await using (var log = new StreamWriter(logPath) { AutoFlush = true })
            {
                while (outputs is null && attempt <= step.Retries)
                {
                    attempt++;
                    await log.WriteLineAsync($"--- attempt {attempt} of {step.Retries + 1}");
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    if (step.Timeout is { } timeout)
                    {
                        limit.CancelAfter(timeout);
                    }

                    try
                    {
                        outputs = await executor.RunAsync(new StepContext(step.Id, inputs, workingDirectory, log, attempt) { Pipeline = pipeline.Name, PipelineRunId = parent.RunId.Value }, limit.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        error = $"step '{step.Id}' timed out after {step.Timeout}.";
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        error = ex.Message;
                    }

                    if (outputs is null)
                    {
                        await log.WriteLineAsync($"--- attempt {attempt} failed: {error}");
                    }
                }
            }

            await run.LogMetricsAsync([KeyValuePair.Create("attempts", (double)attempt)], 0, cancellationToken);
            await run.LogArtifactAsync(logPath, "step.log", cancellationToken);
            if (outputs is null)
            {
                await run.SetTagsAsync([new Tag("gyre.error", Clip(error ?? "failed"))], cancellationToken);
                await run.FailAsync(cancellationToken);
                return new StepRunResult(step.Id, StepStatus.Failed, attempt, new Dictionary<string, string>(), error, run.Id.Value, watch.Elapsed);
            }

            await run.SetTagsAsync(outputs.Select(o => new Tag(OutputTagPrefix + o.Key, Clip(o.Value))), cancellationToken);
            await run.EndAsync(cancellationToken);
            return new StepRunResult(step.Id, StepStatus.Succeeded, attempt, outputs, null, run.Id.Value, watch.Elapsed);
        }
        finally
        {
            File.Delete(logPath);
        }
    }

    /// <summary>The outputs of the latest finished step run with <paramref name="cacheKey"/>, or null.</summary>
    private async Task<(string RunId, IReadOnlyDictionary<string, string> Outputs)?> FindCachedAsync(ExperimentId experiment, string cacheKey, CancellationToken cancellationToken)
    {
        var page = await tracking.SearchRunsAsync(new RunSearch([experiment])
        {
            Filter = $"tags.`{CacheKeyTag}` = '{cacheKey}'",
            OrderBy = ["attributes.start_time DESC"],
            MaxResults = 50,
        }, cancellationToken);
        var source = page.Items.FirstOrDefault(r => r.Info.Status == RunStatus.Finished);
        return source is null
            ? null
            : (source.Info.RunId.Value, source.Data.Tags.Where(t => t.Key.StartsWith(OutputTagPrefix, StringComparison.Ordinal))
                .ToDictionary(t => t.Key[OutputTagPrefix.Length..], t => t.Value, StringComparer.Ordinal));
    }

    private static string Clip(string value) => value.Length > 5000 ? value[..5000] : value;
}
