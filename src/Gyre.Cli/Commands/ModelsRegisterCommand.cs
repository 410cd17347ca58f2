using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Pipelines.Monitoring;
using Gyre.Pipelines.Registry;
using Gyre.Training.Onnx;
using Gyre.Training.Specs;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre models register NAME --run RUN_ID | --package PATH | --onnx FILE`: verify a package and record it as the
/// model's next version. With --onnx, a graph trained elsewhere is first imported as an "onnx" flavor package
/// (<see cref="OnnxModelImporter"/>: signature read from the graph, --columns/--task/--output/--classes/--label/
/// --reference-data refine it) in a temporary folder, which is then registered like any package.
/// </summary>
public static class ModelsRegisterCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The registered model's name (created when new)." };
        var run = new Option<string?>("--run") { Description = "Register the 'model' artifact of this run (id or unique prefix)." };
        var package = new Option<string?>("--package") { Description = "Register this model package folder (copied into the workspace's registry area)." };
        var onnx = new Option<string?>("--onnx") { Description = "Import this ONNX model trained elsewhere (its signature read from the graph) and register it." };
        var columns = new Option<string?>("--columns") { Description = "With --onnx: the feature names of a packed [N,F] input, in order, comma-separated (or new names for per-column inputs)." };
        var task = new Option<string?>("--task") { Description = "With --onnx: binary, multiclass or regression (default: from the output's width: 2 → binary, more → multiclass, 1 → regression)." };
        var output = new Option<string?>("--output") { Description = "With --onnx: the float output to read (default: the graph's first float tensor output)." };
        var classes = new Option<string?>("--classes") { Description = "With --onnx: class names in output order, comma-separated (default: 0,1,...); binary: negative,positive." };
        var label = new Option<string?>("--label") { Description = "With --onnx: the label column's name recorded for monitoring (default: label)." };
        var referenceData = new Option<string?>("--reference-data") { Description = "With --onnx: a CSV/Parquet file with the model's columns, profiled into the package for monitoring." };
        var alias = new Option<string?>("--alias") { Description = "Point this alias at the new version (default: 'champion' for a new model's first version)." };
        var noAlias = new Option<bool>("--no-alias") { Description = "Set no alias, not even 'champion' on a new model's first version." };
        var description = new Option<string?>("--description") { Description = "The version's description." };
        var reason = ModelsCommands.Reason();
        var json = CommonOptions.Json();
        var command = new Command("register", "Verify a model package (every file against its manifest), or import an ONNX model, and register it as the next version of NAME.")
        {
            name, run, package, onnx, columns, task, output, classes, label, referenceData, alias, noAlias, description, reason, json,
        };
        command.Validators.Add(result =>
        {
            if (new[] { result.GetValue(run), result.GetValue(package), result.GetValue(onnx) }.Count(v => v is not null) != 1)
            {
                result.AddError("Give exactly one of --run RUN_ID, --package PATH and --onnx FILE.");
            }

            if (result.GetValue(onnx) is null && new[] { columns, task, output, classes, label, referenceData }.FirstOrDefault(o => result.GetValue(o) is not null) is { } onnxOnly)
            {
                result.AddError($"{onnxOnly.Name} applies only with --onnx FILE.");
            }

            if (result.GetValue(noAlias) && result.GetValue(alias) is not null)
            {
                result.AddError("--alias and --no-alias cannot be combined.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var registration = new ModelRegistration(workspace.Registry, workspace.Tracking, workspace.Artifacts);
            var options = new RegistrationOptions(ModelsCommands.Actor(environment, parse.GetValue(reason)))
            {
                Alias = parse.GetValue(alias),
                NoAlias = parse.GetValue(noAlias),
                Description = parse.GetValue(description),
            };
            var modelName = parse.GetValue(name)!;
            RegistrationResult result;
            if (parse.GetValue(run) is { } runId)
            {
                var found = await RunLookup.GetAsync(workspace.Tracking, runId, ct);
                result = await registration.RegisterRunAsync(modelName, found.Info.RunId, options, ct);
            }
            else if (parse.GetValue(package) is { } packagePath)
            {
                result = await registration.RegisterPackageAsync(modelName, environment.ResolvePath(packagePath), options, ct);
            }
            else
            {
                var importOptions = new OnnxImportOptions
                {
                    Task = ParseTask(parse.GetValue(task)),
                    Output = parse.GetValue(output),
                    ClassNames = SplitList(parse.GetValue(classes)),
                    Columns = SplitList(parse.GetValue(columns)),
                    Label = parse.GetValue(label) ?? "label",
                    ReferenceDataPath = parse.GetValue(referenceData) is { } reference ? environment.ResolvePath(reference) : null,
                    MonitoringProfile = (predictor, reference) => MonitoringBaseline.BuildJson(predictor, reference),
                };
                var staging = Path.Combine(Path.GetTempPath(), "gyre-onnx-import-" + Guid.NewGuid().ToString("N"));
                try
                {
                    var imported = await OnnxModelImporter.ImportAsync(environment.ResolvePath(parse.GetValue(onnx)!), Path.Combine(staging, "model"), importOptions, ct);
                    result = await registration.RegisterPackageAsync(modelName, imported.Package.Path, options, ct);
                }
                finally
                {
                    if (Directory.Exists(staging))
                    {
                        Directory.Delete(staging, recursive: true);
                    }
                }
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    created_model = result.CreatedModel,
                    alias = result.Alias,
                    version = ModelVersionView.From(result.Version),
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            var v = result.Version;
            console.WriteLine(result.CreatedModel
                ? $"Created registered model '{v.Name}' and registered version {v.Version}."
                : $"Registered version {v.Version} of '{v.Name}'.");
            console.MarkupLine($"source: {Markup.Escape(v.Source)}");
            console.MarkupLine($"package sha-256: {Markup.Escape(v.Package?.Sha256 ?? "-")}");
            if (result.Alias is not null)
            {
                var why = result.CreatedModel && parse.GetValue(alias) is null
                    ? $" (the first version of a new model becomes '{ModelRegistration.DefaultFirstAlias}'; pass --no-alias to skip)"
                    : string.Empty;
                console.WriteLine($"Alias '{result.Alias}' now points to {v.Name}/{v.Version}{why}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static TaskKind? ParseTask(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "binary" => TaskKind.Binary,
        "multiclass" => TaskKind.Multiclass,
        "regression" => TaskKind.Regression,
        _ => throw GyreException.InvalidInput($"--task: '{text}' is not a task; use binary, multiclass or regression."),
    };

    private static List<string>? SplitList(string? text) =>
        text is null ? null : [.. text.Split(',').Select(item => item.Trim())];
}
