using Gyre.Core;
using Gyre.Training.Packaging;

namespace Gyre.Cli.Commands;

/// <summary>
/// Resolves <c>gyre deploy --model</c> to the model a deployment serves: a package folder (named by --name, else the
/// folder's name; versioned by the first 12 hex digits of its model file's SHA-256) or a registered NAME@ALIAS /
/// NAME/VERSION (the registry's name and version number). The package is loaded, so its integrity is checked.
/// </summary>
public static class DeployModelResolver
{
    /// <summary>The resolved model: its name, version, verified package, and whether it needs OpenMP (LightGBM).</summary>
    public sealed record ResolvedModel(string Name, string Version, ModelPackage Package)
    {
        /// <summary>LightGBM's native library links libgomp (OpenMP), which the ASP.NET base image lacks.</summary>
        public bool NeedsOpenMp => string.Equals(Package.Manifest.Trainer, "lightgbm", StringComparison.OrdinalIgnoreCase);
    }

    public static async Task<ResolvedModel> ResolveAsync(CliEnvironment environment, string model, string? name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var loaded = await ModelPackageLoader.LoadModelAsync(environment, model, ct);
        if (loaded.Registered is { } registered)
        {
            return new ResolvedModel(name ?? registered.Reference.Name, registered.Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), loaded.Package);
        }

        var package = loaded.Package;
        var version = package.Manifest.Files.TryGetValue(ModelPackage.ModelFileName, out var sha) && sha.Length >= 12 ? sha[..12] : "latest";
        var path = environment.ResolvePath(model);
        return new ResolvedModel(name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), version, package);
    }

    /// <summary>The Gyre repository holding this CLI's source: <paramref name="given"/>, else the first folder up from the working folder or the CLI's own folder that has src/Gyre.Cli/Gyre.Cli.csproj; null when none does.</summary>
    public static string? FindSource(CliEnvironment environment, string? given)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (given is not null)
        {
            var path = environment.ResolvePath(given);
            return File.Exists(Path.Combine(path, "src", "Gyre.Cli", "Gyre.Cli.csproj"))
                ? path
                : throw GyreException.InvalidInput($"--source {path} is not the Gyre repository (no src/Gyre.Cli/Gyre.Cli.csproj).");
        }

        foreach (var start in new[] { environment.WorkingDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "src", "Gyre.Cli", "Gyre.Cli.csproj")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }
}
