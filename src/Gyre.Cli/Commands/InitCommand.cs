using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Commands.Init;
using Gyre.Cli.Output;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre init NAME [--dir PARENT] [--rows N] [--force] [--json]`: scaffolds a model project in PARENT/NAME (see
/// <see cref="ProjectScaffold"/>): a training spec, a schema, a pipeline (validate → train → evaluate → register →
/// promote), a promotion policy, sample data, CI for GitHub Actions, GitLab CI and Jenkins running the same gyre
/// commands (<see cref="CiPlan"/>), a tool manifest and a README. An occupied NAME folder, a bad name or too few rows
/// is a usage error (exit 2) naming it; --force writes into an occupied folder, replacing only the project's files.
/// </summary>
public static class InitCommand
{
    public static Command Create(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = new Argument<string>("name") { Description = "The project: its folder, pipeline and registered model name (letters, digits, '-', '_')." };
        var parent = new Option<string?>("--dir") { Description = "Create the project folder under this folder (default: the working folder)." };
        var rows = new Option<long>("--rows", "-n")
        {
            Description = $"Rows of sample training data (the holdout gets half as many; at least {ProjectScaffold.MinRows}).",
            DefaultValueFactory = _ => 4000,
        };
        var force = new Option<bool>("--force") { Description = "Write into an existing non-empty folder, replacing the project's files and keeping the others." };
        var json = CommonOptions.Json();
        var command = new Command("init", "Scaffold a model project: spec, schema, pipeline, promotion policy, sample data, CI for GitHub Actions, GitLab CI and Jenkins.")
        {
            name, parent, rows, force, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var projectName = parse.GetValue(name)!;
            var trainRows = parse.GetValue(rows);
            var parentFolder = environment.ResolvePath(parse.GetValue(parent) ?? ".");
            var target = Path.Combine(parentFolder, projectName);
            if (ProjectNames.Problem(projectName) is { } problem)
            {
                return await UsageErrorAsync(environment, problem);
            }

            if (trainRows < ProjectScaffold.MinRows)
            {
                return await UsageErrorAsync(environment, $"--rows {trainRows.ToString(CultureInfo.InvariantCulture)}: give at least {ProjectScaffold.MinRows} rows.");
            }

            if (File.Exists(target) || (ProjectScaffold.IsOccupied(target) && !parse.GetValue(force)))
            {
                return await UsageErrorAsync(environment, File.Exists(target)
                    ? $"{target} is a file; gyre init needs a folder there."
                    : $"folder {target} exists and is not empty; pass --force to write the project into it (its other files are kept).");
            }

            var files = await ProjectScaffold.CreateAsync(parentFolder, projectName, trainRows, parse.GetValue(force), ct);
            var commands = CiPlan.Commands(projectName);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { project = target, model = projectName, files, ci_commands = commands.Select(c => c.Line) });
                return ExitCodes.Success;
            }

            var relative = Path.GetRelativePath(environment.WorkingDirectory, target);
            await environment.Out.WriteLineAsync($"Created {relative}/ ({files.Count} files):");
            foreach (var file in files)
            {
                await environment.Out.WriteLineAsync($"  {file}");
            }

            await environment.Out.WriteLineAsync("Run it as the CI does:");
            await environment.Out.WriteLineAsync($"  cd {relative}");
            await environment.Out.WriteLineAsync($"  {CiPlan.InstallCommand}");
            foreach (var step in commands)
            {
                await environment.Out.WriteLineAsync($"  {step.Line}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> UsageErrorAsync(CliEnvironment environment, string message)
    {
        await environment.Error.WriteLineAsync($"gyre: {message}");
        await environment.Error.WriteLineAsync("Run 'gyre init --help' for usage.");
        return ExitCodes.Usage;
    }
}
