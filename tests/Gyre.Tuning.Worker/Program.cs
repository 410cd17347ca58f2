using System.Globalization;
using Gyre.Stores.Postgres;
using Gyre.Stores.Sql;
using Gyre.Stores.Sqlite;
using Gyre.Tuning;

namespace Gyre.Tuning.Worker;

/// <summary>
/// One tuning worker process for the multi-process study tests:
/// <c>Gyre.Tuning.Worker sqlite|postgres &lt;database path or connection string&gt; &lt;study&gt; &lt;study trials&gt; &lt;objective ms&gt;</c>.
/// Loads or creates the study (minimise (x-2)², x in [-10, 10]) in the tracking store, with heartbeats every
/// second, and runs <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, OptimizeOptions, CancellationToken)"/>
/// until the study holds the given number of trials. Prints "trial N" when a trial starts its objective.
/// Exit code 0 on success, 2 on bad arguments.
/// </summary>
public static class Program
{
    /// <summary>How often a running trial records a heartbeat; the grace period is twice this.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 5
            || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var studyTrials)
            || !int.TryParse(args[4], NumberStyles.None, CultureInfo.InvariantCulture, out var objectiveMilliseconds))
        {
            await Console.Error.WriteLineAsync("usage: Gyre.Tuning.Worker sqlite|postgres <database> <study> <study trials> <objective ms>");
            return 2;
        }

        var artifacts = Path.Combine(Path.GetTempPath(), "gyre-tuning-worker-artifacts");
        await using SqlTrackingStore store = args[0] switch
        {
            "sqlite" => await SqliteTrackingStore.OpenAsync(args[1], artifacts, TimeProvider.System, CancellationToken.None),
            "postgres" => await PostgresTrackingStore.OpenAsync(args[1], artifacts, TimeProvider.System, CancellationToken.None),
            _ => throw new ArgumentException($"Unknown store kind '{args[0]}'; expected sqlite or postgres.", nameof(args)),
        };
        var study = await Study.CreateAsync(args[2], StudyDirection.Minimize, sampler: null, pruner: null, store, HeartbeatInterval);
        await study.OptimizeAsync(
            async (trial, cancellationToken) =>
            {
                var x = trial.SuggestFloat("x", -10, 10);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {trial.Number}"));
                await Task.Delay(objectiveMilliseconds, cancellationToken);
                return (x - 2) * (x - 2);
            },
            new OptimizeOptions { StudyTrials = studyTrials });
        return 0;
    }
}
