using System.Security.Cryptography;
using System.Text;
using Gyre.Pipelines.Definitions;

namespace Gyre.Pipelines.Running;

/// <summary>
/// What decides whether a step can reuse an earlier run: the SHA-256 of its kind, its executor's version, and its
/// resolved inputs (sorted; upstream outputs are among them), where an input, or a value referenced in one
/// (<c>${params.data}</c> inside a command), that names an existing file (relative to the pipeline's folder) counts
/// by the SHA-256 of the file's content, so new data under the same name misses.
/// </summary>
public static class StepCacheKey
{
    /// <param name="referenced">The resolved value of every reference in the step's inputs.</param>
    public static async Task<string> ComputeAsync(
        StepDefinition step, string executorVersion, IReadOnlyDictionary<string, string> inputs, IEnumerable<string> referenced, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder().Append("kind=").Append(step.Kind.Name).Append('\n').Append("version=").Append(executorVersion).Append('\n');
        foreach (var (name, value) in inputs.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(value).Append('\n');
        }

        foreach (var value in inputs.Values.Concat(referenced).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var path = value.Length > 0 && value.IndexOfAny(Path.GetInvalidPathChars()) < 0 ? Path.GetFullPath(value, workingDirectory) : null;
            if (path is not null && File.Exists(path))
            {
                await using var file = File.OpenRead(path);
                text.Append("file ").Append(value).Append(" sha256=").Append(Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken))).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
