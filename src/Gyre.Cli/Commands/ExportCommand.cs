using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Pipelines.Jobs;
using Gyre.Pipelines.Registry;
using Gyre.Training.Onnx;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre export onnx MODEL --out model.onnx --data HELD_OUT.csv`: the model as ONNX, proven against ML.NET on held-out rows.</summary>
public static class ExportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var export = new Command("export", "Export a model package to another format.");
        export.Subcommands.Add(Onnx(environment));
        return export;
    }

    private static Command Onnx(CliEnvironment environment)
    {
        var model = new Argument<string>("model") { Description = "A model package folder, or a registered model: NAME@ALIAS or NAME/VERSION." };
        var output = new Option<string>("--out", "-o") { Description = "The .onnx file to write (atomically; nothing is written when the check fails).", Required = true };
        var data = new Option<string>("--data") { Description = "Held-out rows (CSV or Parquet) scored by ML.NET and ONNX Runtime to check the export.", Required = true };
        var checkFile = new Option<string?>("--check-file") { Description = "Also write the checked rows (as the graph takes them) and ML.NET's scores as JSON, to check the model in another runtime." };
        var rows = new Option<int>("--rows") { Description = "How many rows of --data to check (default 1000).", DefaultValueFactory = _ => 1000 };
        var json = CommonOptions.Json();
        var command = new Command("onnx", $"Convert the model's ML.NET pipeline (featurizers included) to ONNX and check that ONNX Runtime gives the same scores (max absolute difference <= {OnnxExporter.DefaultTolerance:R}).")
        {
            model, output, data, rows, checkFile, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = await ModelPackageLoader.LoadModelAsync(environment, parse.GetValue(model)!, ct);
            var package = loaded.Package;
            var result = await OnnxExportJob.RunAsync(
                package, environment.ResolvePath(parse.GetValue(data)!), parse.GetValue(rows), environment.ResolvePath(parse.GetValue(output)!),
                parse.GetValue(checkFile) is { } check ? environment.ResolvePath(check) : null, ct);
            string? flavor = null;
            if (loaded is { Workspace: { } workspace, Registered: { } registered })
            {
                // A registered version keeps the export as its onnx flavor (docs/onnx.md).
                flavor = await OnnxFlavorRegistration.RecordAsync(workspace.Registry, workspace.Tracking, workspace.Artifacts, registered.Version, result,
                    ModelsCommands.Actor(environment, "export onnx"), ct);
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    path = result.Path,
                    bytes = result.Bytes,
                    rows_checked = result.RowsChecked,
                    max_abs_difference = result.MaxAbsoluteDifference,
                    registered_flavor = flavor,
                    inputs = result.Inputs.Select(i => new { name = i.Name, type = i.Type, column = i.Column }),
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            console.MarkupLineInterpolated($"Wrote {result.Path} ({result.Bytes:N0} bytes).");
            console.MarkupLineInterpolated($"Checked on {result.RowsChecked} rows: scores of ML.NET and ONNX Runtime differ by at most {result.MaxAbsoluteDifference:G3}.");
            if (flavor is not null)
            {
                console.MarkupLineInterpolated($"Registered as the onnx flavor of {loaded.Registered!.Version.Name} version {loaded.Registered.Version.Version}: {flavor}");
            }

            console.MarkupLineInterpolated($"Inputs (ONNX name = column, type): {string.Join(", ", result.Inputs.Select(i => $"{i.Name} = {i.Column} ({i.Type})"))}");
            return ExitCodes.Success;
        });
        return command;
    }
}
