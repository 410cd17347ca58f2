using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Pipelines.Batch;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre predict`: batch scoring of a file or a folder with a model package (checked against its hashes and
/// signature), streamed in chunks on every core, into a CSV or Parquet file written atomically.
/// </summary>
public static class PredictCommand
{
    private const int ViolationsShown = 20;

    public static Command Create(CliEnvironment environment)
    {
        var model = new Option<string>("--model", "-m") { Description = "A model package folder (the 'model' artifact of a run), or a registered model: NAME@ALIAS or NAME/VERSION.", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "The data to score: a CSV/TSV or Parquet file, or a folder of them (scored in name order).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The file to write, .csv or .parquet: the passthrough columns, then the predictions.", Required = true };
        var passthrough = new Option<string?>("--passthrough") { Description = "Input columns to copy next to the predictions, comma-separated (default: every input column)." };
        var noPassthrough = new Option<bool>("--predictions-only") { Description = "Write the predictions only (no input column)." };
        var rejects = new Option<string?>("--rejects") { Description = "A CSV file for the rows that break the model's signature: file, line, column, kind, reason, then the row." };
        var maxRejectRate = new Option<double>("--max-reject-rate") { Description = "The highest share of rejected rows (0..1) for which the job succeeds (exit 0) and writes its output.", DefaultValueFactory = _ => 0 };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Write the scored rows even when the reject rate is over --max-reject-rate (the exit code is still 1)." };
        var chunkRows = new Option<int>("--chunk-rows") { Description = "Rows per chunk; memory is bounded by a few chunks.", DefaultValueFactory = _ => 16_384 };
        var threads = new Option<int>("--threads") { Description = "Chunks scored at once (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = CommonOptions.Json();
        var command = new Command("predict", "Score a file or folder with a model package, in parallel chunks. Rows that break the model's signature are rejected and reported by line.")
        {
            model, input, output, passthrough, noPassthrough, rejects, maxRejectRate, skipInvalid, chunkRows, threads, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(noPassthrough) && result.GetValue(passthrough) is not null)
            {
                result.AddError("--passthrough and --predictions-only cannot be combined.");
            }
        });
        maxRejectRate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN)
            {
                result.AddError("--max-reject-rate must be between 0 and 1.");
            }
        });
        foreach (var positive in new[] { chunkRows, threads })
        {
            positive.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{positive.Name} must be at least 1.");
                }
            });
        }

        command.SetAction(async (parse, ct) =>
        {
            var package = await ModelPackageLoader.LoadAsync(environment, parse.GetValue(model)!, ct);
            var options = new BatchScoringOptions
            {
                Input = environment.ResolvePath(parse.GetValue(input)!),
                Output = environment.ResolvePath(parse.GetValue(output)!),
                Passthrough = parse.GetValue(noPassthrough) ? [] : ParseColumns(parse.GetValue(passthrough)),
                RejectsPath = parse.GetValue(rejects) is { } r ? environment.ResolvePath(r) : null,
                MaxRejectRate = parse.GetValue(maxRejectRate),
                WriteOverThreshold = parse.GetValue(skipInvalid),
                ChunkRows = parse.GetValue(chunkRows),
                Parallelism = parse.GetValue(threads),
            };
            var quiet = parse.GetValue(json);
            var result = await ProgressDisplay.RunAsync(environment, quiet, "scoring", progress =>
                BatchScoringJob.RunAsync(package, options, p => progress.Report(Step(p)), ct));
            if (quiet)
            {
                await WriteJsonAsync(environment, result);
            }
            else
            {
                WriteText(environment, result);
            }

            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static IReadOnlyList<string>? ParseColumns(string? list) =>
        list is null ? null : [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static ProgressStep Step(BatchProgress p) => new(
        string.Create(CultureInfo.InvariantCulture, $"{p.RowsRead:N0} rows, {p.RowsPerSecond:N0} rows/s, {p.RowsRejected:N0} rejected"),
        p.TotalBytes > 0 ? (double)p.BytesDone / p.TotalBytes : 0);

    private static Task WriteJsonAsync(CliEnvironment environment, BatchScoringResult result) =>
        JsonOutput.WriteAsync(environment.Out, new
        {
            output = result.OutputPath,
            written = result.Written,
            succeeded = result.Succeeded,
            files = result.Files,
            rows_read = result.RowsRead,
            rows_scored = result.RowsScored,
            rows_rejected = result.RowsRejected,
            reject_rate = result.RejectRate,
            max_reject_rate = result.MaxRejectRate,
            rejects = result.RejectsPath,
            seconds = result.Elapsed.TotalSeconds,
            rows_per_second = result.RowsPerSecond,
            violation_count = result.ViolationCount,
            violations = result.Violations.Select(v => new { line = v.Line, column = v.Column, kind = ViolationKindName.Of(v.Kind), message = v.Message }),
            warnings = result.Warnings,
        });

    private static void WriteText(CliEnvironment environment, BatchScoringResult result)
    {
        var console = Consoles.For(environment.Error, environment.Interactive);
        foreach (var warning in result.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning.Message)}");
        }

        if (result.ViolationCount > 0)
        {
            var table = new Table().Title("rows that break the model's signature").AddColumns("line", "column", "problem");
            foreach (var v in result.Violations.Take(ViolationsShown))
            {
                table.AddRow(v.Line?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(v.Column), Markup.Escape(v.Message));
            }

            console.Write(table);
            if (result.ViolationCount > ViolationsShown)
            {
                console.WriteLine($"... and {result.ViolationCount - ViolationsShown} more{(result.RejectsPath is null ? " (pass --rejects FILE to keep them all)" : string.Empty)}.");
            }
        }

        var rate = string.Create(CultureInfo.InvariantCulture, $"{result.RejectRate:P2}");
        var limit = string.Create(CultureInfo.InvariantCulture, $"{result.MaxRejectRate:P2}");
        var speed = string.Create(CultureInfo.InvariantCulture, $"{result.RowsPerSecond:N0} rows/s");
        if (!result.Written)
        {
            console.WriteLine($"Nothing written: {result.RowsRejected} of {result.RowsRead} rows rejected ({rate}), over --max-reject-rate {limit}. " +
                "Fix the input, raise --max-reject-rate, or pass --skip-invalid to write the scored rows.");
        }
        else
        {
            console.WriteLine($"Scored {result.RowsScored} of {result.RowsRead} rows into {result.OutputPath} ({speed}).");
            if (result.RowsRejected > 0)
            {
                console.WriteLine(result.Succeeded
                    ? $"{result.RowsRejected} rows rejected ({rate}, within --max-reject-rate {limit})."
                    : $"{result.RowsRejected} rows rejected ({rate}), over --max-reject-rate {limit}: the job failed, its scored rows were written as --skip-invalid asks.");
            }
        }

        if (result.RejectsPath is not null)
        {
            console.WriteLine($"Rejected rows: {result.RejectsPath}");
        }
    }
}
