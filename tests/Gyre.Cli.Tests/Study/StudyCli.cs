using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Commands;
using Gyre.Cli.Tests.Support;
using Gyre.Core;
using Gyre.Tuning;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Cli.Tests.Study;

/// <summary>
/// Runs `gyre study ...` on an in-memory <see cref="IStudyStorage"/> through <see cref="StudyCommands"/>' storage seam,
/// mapping outcomes to exit codes as <see cref="GyreCli"/> does (usage errors 2, Gyre errors 1 with "gyre: error: ...").
/// </summary>
internal sealed class StudyCli(IStudyStorage storage, string workingDirectory)
{
    public IStudyStorage Storage { get; } = storage;

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var environment = new CliEnvironment(output, error, workingDirectory, new Dictionary<string, string>(StringComparer.Ordinal), Interactive: false);
        var root = new RootCommand { StudyCommands.Create(environment, (_, _) => Task.FromResult(Storage)) };
        var parse = root.Parse(args);
        int exit;
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync(string.Join('\n', parse.Errors.Select(e => e.Message)));
            exit = ExitCodes.Usage;
        }
        else
        {
            try
            {
                exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false },
                    TestContext.Current.CancellationToken);
            }
            catch (GyreException ex)
            {
                await error.WriteLineAsync($"gyre: error: {ex.Message}");
                exit = ExitCodes.Failure;
            }
        }

        return new CliResult(args, exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Fills <paramref name="storage"/> with study "search" (minimize (x-1)² + 3·[c = "b"], n irrelevant; 30 random trials,
    /// seed 7), then one pruned and one failed trial; and an empty study "empty" (maximize).
    /// </summary>
    public static async Task<Tuning.Study> SeedAsync(IStudyStorage storage)
    {
        var study = await Tuning.Study.CreateAsync("search", StudyDirection.Minimize, new RandomSampler(7), new NopPruner(), storage,
            TestContext.Current.CancellationToken);
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", -5, 5);
            var c = (string)t.SuggestCategorical("c", ["a", "b"])!;
            t.SuggestInt("n", 1, 8);
            return (x - 1) * (x - 1) + (c == "b" ? 3 : 0);
        }, trials: 30, cancellationToken: TestContext.Current.CancellationToken);
        var pruned = study.Ask();
        pruned.SuggestFloat("x", -5, 5);
        study.Tell(pruned, TrialState.Pruned);
        study.Tell(study.Ask(), TrialState.Fail, "objective threw");
        await storage.CreateStudyAsync("empty", StudyDirection.Maximize, TestContext.Current.CancellationToken);
        return study;
    }
}
