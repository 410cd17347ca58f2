using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Pipelines.Jobs;
using Gyre.Training.Packaging;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre predict`: score a data file with a model package (checked against its hashes and signature).</summary>
public static class PredictCommand
{
    private const int ViolationsShown = 20;

    public static Command Create(CliEnvironment environment)
    {
        var model = new Option<string>("--model", "-m") { Description = "A model package folder (the 'model' artifact of a run), or a registered model: NAME@ALIAS or NAME/VERSION.", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "The CSV or Parquet file to score.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The CSV file to write: input columns plus predictions.", Required = true };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Score the valid rows and leave out rows that break the model's signature (listed, exit code 1)." };
        var json = CommonOptions.Json();
        var command = new Command("predict", "Score a file with a model package. Rows that break the model's input signature are reported by line.")
        {
            model, input, output, skipInvalid, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var package = await ModelPackageLoader.LoadAsync(environment, parse.GetValue(model)!, ct);
            var result = await CsvScoringJob.RunAsync(
                package, environment.ResolvePath(parse.GetValue(input)!), environment.ResolvePath(parse.GetValue(output)!), parse.GetValue(skipInvalid), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    output = result.OutputPath,
                    written = result.Written,
                    rows_read = result.RowsRead,
                    rows_scored = result.RowsScored,
                    violations = result.Violations.Select(v => new { line = v.Line, column = v.Column, kind = v.Kind, message = v.Message }),
                    warnings = result.Warnings,
                });
            }
            else
            {
                var console = Consoles.For(environment.Error, environment.Interactive);
                foreach (var warning in result.Warnings)
                {
                    console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning.Message)}");
                }

                if (result.Violations.Count > 0)
                {
                    var table = new Table().Title("rows that break the model's signature").AddColumns("line", "column", "problem");
                    foreach (var v in result.Violations.Take(ViolationsShown))
                    {
                        table.AddRow(v.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Markup.Escape(v.Column), Markup.Escape(v.Message));
                    }

                    console.Write(table);
                    if (result.Violations.Count > ViolationsShown)
                    {
                        console.WriteLine($"... and {result.Violations.Count - ViolationsShown} more.");
                    }
                }

                console.WriteLine(result.Written
                    ? $"Scored {result.RowsScored} of {result.RowsRead} rows into {result.OutputPath}."
                    : $"Nothing written: {result.Violations.Count} violation(s). Fix the input, or pass --skip-invalid to score the valid rows.");
            }

            return result.Violations.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
