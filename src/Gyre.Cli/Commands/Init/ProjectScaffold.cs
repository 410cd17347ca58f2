using Gyre.Core;
using Gyre.Data.Files;
using Gyre.Data.Reading;
using Gyre.Data.Schema;
using Gyre.Data.Synthetic;
using Gyre.Data.Tables;

namespace Gyre.Cli.Commands.Init;

/// <summary>
/// Writes a model project (<see cref="ProjectLayout"/>): sample data from the fraud generator, the schema inferred from
/// it, the spec, pipeline, policy, CI files, tool manifest and README. The project is built in a hidden staging folder
/// beside the target and then moved into place, so the target never holds half a project: a new (or empty) target is
/// one folder rename; an existing one (only with force) gets each file replaced by a rename, its other files kept.
/// </summary>
public static class ProjectScaffold
{
    /// <summary>The fewest training rows accepted: with about 3.5 % fraud, fewer leaves too few positives to learn from.</summary>
    public const long MinRows = 500;

    /// <summary>True when <paramref name="folder"/> exists as a file, or as a folder with anything in it.</summary>
    public static bool IsOccupied(string folder) =>
        File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());

    /// <summary>
    /// Creates the project <paramref name="name"/> under <paramref name="parent"/> with <paramref name="trainRows"/> training
    /// rows and half as many holdout rows; returns the files written (relative, sorted). InvalidInput when the target is a
    /// file, or an occupied folder and <paramref name="force"/> is false (the command checks that first, as a usage error).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(string parent, string name, long trainRows, bool force, CancellationToken cancellationToken)
    {
        var target = Path.Combine(parent, name);
        if (File.Exists(target))
        {
            throw GyreException.InvalidInput($"{target} is a file; gyre init needs a folder there.");
        }

        if (IsOccupied(target) && !force)
        {
            throw GyreException.InvalidInput($"Folder {target} exists and is not empty; pass --force to write the project into it.");
        }

        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{name}.gyre-init-{Guid.NewGuid():N}");
        try
        {
            var files = await WriteAsync(staging, name, trainRows, cancellationToken);
            Place(staging, target, files);
            return files;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Writes every file of the project into <paramref name="folder"/>; returns their relative paths, sorted.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, string name, long trainRows, CancellationToken cancellationToken)
    {
        var holdoutRows = Math.Max(trainRows / 2, MinRows / 2);
        var version = typeof(ProjectScaffold).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
        var commands = CiPlan.Commands(name);
        var written = new List<string>();

        async Task Text(string relative, string text)
        {
            await AtomicFile.WriteAllTextAsync(Full(folder, relative), text, cancellationToken);
            written.Add(relative);
        }

        await WriteDataAsync(folder, ProjectLayout.TrainData, trainRows, ProjectLayout.TrainSeed, cancellationToken);
        written.Add(ProjectLayout.TrainData);
        await WriteDataAsync(folder, ProjectLayout.HoldoutData, holdoutRows, ProjectLayout.HoldoutSeed, cancellationToken);
        written.Add(ProjectLayout.HoldoutData);
        var schema = await InferSchemaAsync([Full(folder, ProjectLayout.TrainData), Full(folder, ProjectLayout.HoldoutData)], cancellationToken);
        await Text(ProjectLayout.Schema, DatasetSchemaJson.Serialize(schema) + "\n");
        await Text(ProjectLayout.TrainSpec, ProjectTemplates.TrainSpec(name));
        await Text(ProjectLayout.Pipeline, ProjectTemplates.Pipeline(name));
        await Text(ProjectLayout.Policy, ProjectTemplates.Policy());
        await Text(ProjectLayout.GitHubWorkflow, CiFiles.GitHubWorkflow(commands));
        await Text(ProjectLayout.GitLabCi, CiFiles.GitLabCi(commands));
        await Text(ProjectLayout.Jenkinsfile, CiFiles.Jenkinsfile(commands));
        await Text(ProjectLayout.ToolManifest, ProjectTemplates.ToolManifest(version));
        await Text(ProjectLayout.GitIgnore, ProjectTemplates.GitIgnore());
        await Text(ProjectLayout.Readme, ProjectTemplates.Readme(name, trainRows, holdoutRows, version, commands));
        written.Sort(StringComparer.Ordinal);
        return written;
    }

    private static string Full(string folder, string relative) => Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));

    private static async Task WriteDataAsync(string folder, string relative, long rows, int seed, CancellationToken cancellationToken)
    {
        var path = Full(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await FraudTransactionGenerator.WriteCsvAsync(path, rows, seed, FraudDrift.None, cancellationToken);
    }

    /// <summary>One schema for all the sample files: types from every value, categories from every file.</summary>
    private static async Task<DatasetSchema> InferSchemaAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        SchemaInferrer? inferrer = null;
        foreach (var path in paths)
        {
            await using var reader = await DataFile.OpenAsync(path, null, cancellationToken);
            inferrer ??= new SchemaInferrer(reader.ColumnNames);
            while (await reader.ReadAsync(cancellationToken))
            {
                inferrer.Observe(reader.Current);
            }
        }

        return inferrer!.ToSchema(string.Join(" and ", paths.Select(Path.GetFileName)));
    }

    /// <summary>Moves the staged project into <paramref name="target"/>: one rename when it is free, else file by file.</summary>
    private static void Place(string staging, string target, IReadOnlyList<string> files)
    {
        if (Directory.Exists(target) && !Directory.EnumerateFileSystemEntries(target).Any())
        {
            Directory.Delete(target);
        }

        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        foreach (var relative in files)
        {
            var destination = Full(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(Full(staging, relative), destination, overwrite: true);
        }
    }
}
