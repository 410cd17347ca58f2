using Spectre.Console;

namespace Gyre.Cli.Output;

/// <summary>One step of long work: what is being done and how far along (0..1) the whole job is.</summary>
public sealed record ProgressStep(string Stage, double Fraction);

/// <summary>
/// Shows progress of long work: a Spectre progress bar on an interactive terminal, plain stage lines on
/// standard error otherwise (at most one per 5% of the work, so logs stay short), nothing with --json (so
/// stdout stays one JSON document and stderr quiet).
/// </summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliEnvironment environment, bool quiet, string title, Func<IProgress<ProgressStep>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(work);
        if (quiet)
        {
            return await work(new Progress<ProgressStep>(_ => { }));
        }

        if (!environment.Interactive)
        {
            var lastFraction = double.NegativeInfinity;
            return await work(new SynchronousProgress(step =>
            {
                if (step.Fraction >= lastFraction + 0.05 || (step.Fraction >= 1 && lastFraction < 1))
                {
                    lastFraction = step.Fraction;
                    environment.Error.WriteLine($"{title}: {step.Stage} ({step.Fraction:P0})");
                }
            }));
        }

        var console = Consoles.For(environment.Error, interactive: true);
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: 1.0);
                var result = await work(new SynchronousProgress(step =>
                {
                    task.Description = $"{title}: {Markup.Escape(step.Stage)}";
                    task.Value = Math.Clamp(step.Fraction, 0, 1);
                }));
                task.Value = 1.0;
                return result;
            });
    }

    /// <summary>Reports on the caller's thread (System.Progress posts to the thread pool and may reorder).</summary>
    private sealed class SynchronousProgress(Action<ProgressStep> report) : IProgress<ProgressStep>
    {
        public void Report(ProgressStep value) => report(value);
    }
}
