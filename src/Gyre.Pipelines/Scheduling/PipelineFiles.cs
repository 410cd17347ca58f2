using System.Text.RegularExpressions;
using Gyre.Core;
using Gyre.Pipelines.Definitions;

namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// The pipeline files a scheduler watches: each path is a pipeline file, or a folder whose <c>*.yaml</c> and
/// <c>*.yml</c> files with a top-level <c>triggers:</c> key are pipelines (other YAML there, such as specs and
/// policies, is left alone). Files are read afresh on every call, so edits apply at the next tick.
/// </summary>
public static partial class PipelineFiles
{
    /// <summary>The valid pipelines; each file that fails to read or validate goes to <paramref name="onError"/> (its message names the file and line) and is skipped.</summary>
    /// <exception cref="GyreException">NotFound when a path does not exist.</exception>
    public static async Task<IReadOnlyList<PipelineDefinition>> LoadAsync(IEnumerable<string> paths, Action<string, string> onError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(onError);
        var pipelines = new List<PipelineDefinition>();
        foreach (var file in await FindAsync(paths, cancellationToken))
        {
            try
            {
                pipelines.Add(await PipelineYaml.ReadFileAsync(file, cancellationToken));
            }
            catch (Exception error) when (error is GyreException or IOException)
            {
                onError(file, error.Message);
            }
        }

        var twice = pipelines.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            onError(twice.Last().SourcePath, $"pipeline name '{twice.Key}' is also used by {twice.First().SourcePath}; the scheduler keeps the first.");
            pipelines = [.. pipelines.DistinctBy(p => p.Name, StringComparer.Ordinal)];
        }

        return pipelines;
    }

    private static async Task<List<string>> FindAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var path in paths.Select(p => Path.GetFullPath(p)))
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    if (TopLevelTriggers().IsMatch(await File.ReadAllTextAsync(file, cancellationToken)))
                    {
                        files.Add(file);
                    }
                }
            }
            else
            {
                throw GyreException.NotFound($"'{path}' is neither a pipeline file nor a folder of pipeline files.");
            }
        }

        return files;
    }

    [GeneratedRegex(@"^triggers\s*:", RegexOptions.Multiline)]
    private static partial Regex TopLevelTriggers();
}
