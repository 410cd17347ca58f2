using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Monitoring.Profiles;
using Gyre.Pipelines.Monitoring;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>
/// `gyre monitor profile INPUT... --out PROFILE.json`: a mergeable profile of data files (read in bounded memory,
/// chunk by chunk) and/or earlier profiles, all merged into one (e.g. 24 hourly profiles into a day). The output is
/// usable as --reference or --current of the other monitor commands, and is written atomically.
/// </summary>
public static class MonitorProfileCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Data files (CSV, Parquet) to profile and/or profiles (.json) to merge; all must have the same columns.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The profile file to write (JSON).", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("profile", "Build a mergeable profile (sketches: quantiles, distinct counts, frequent items, moments) of data files in bounded memory, merging any profiles given.")
        {
            inputs, output, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var paths = parse.GetValue(inputs)!.Select(environment.ResolvePath).ToList();
            var outPath = environment.ResolvePath(parse.GetValue(output)!);
            var quiet = parse.GetValue(json);
            var profile = await ProgressDisplay.RunAsync(environment, quiet, "Profiling", async progress =>
            {
                DatasetSketch? merged = null;
                for (var i = 0; i < paths.Count; i++)
                {
                    var name = Path.GetFileName(paths[i]);
                    var fraction = (double)i / paths.Count;
                    progress.Report(new ProgressStep(name, fraction));
                    var next = await StreamingProfiler.LoadOrProfileAsync(
                        paths[i], new RowProgress(rows => progress.Report(new ProgressStep($"{name}: {rows:N0} rows", fraction))), ct);
                    merged = merged is null ? next : merged.Merge(next);
                }

                progress.Report(new ProgressStep("done", 1));
                return merged!;
            });
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            await profile.SaveAsync(outPath, ct);
            var size = new FileInfo(outPath).Length;
            if (quiet)
            {
                await JsonOutput.WriteAsync(environment.Out, new { output = outPath, rows = profile.RowCount, columns = profile.Columns.Select(c => c.Name), bytes = size, inputs = paths });
            }
            else
            {
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote the profile of {profile.RowCount:N0} rows × {profile.Columns.Count} columns from {paths.Count} input(s) to {outPath} ({size / 1024.0:0.#} KB)."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reports on the caller's thread (System.Progress posts to the thread pool and may reorder).</summary>
    private sealed class RowProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
