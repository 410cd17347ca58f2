using Gyre.Core;

namespace Gyre.Serving.Deploy;

/// <summary>
/// Writes a deployment into a folder all at once: the files are written into a temporary sibling folder which then
/// replaces the output folder, so a failure leaves no half-written output. A non-empty output folder is refused
/// unless <c>force</c> is set (it is then replaced).
/// </summary>
public static class DeploymentWriter
{
    /// <summary>The generated files of <paramref name="target"/> (relative path → text), README included.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files(DeploymentTarget target, DeploymentSpec spec, string? sourcePath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var files = new List<(string Path, string Text)>();
        switch (target)
        {
            case DeploymentTarget.Docker:
                files.Add(("Dockerfile", DockerfileGenerator.Dockerfile(spec)));
                files.Add((".dockerignore", DockerfileGenerator.DockerIgnore()));
                break;
            case DeploymentTarget.Kubernetes:
                files.AddRange(KubernetesManifests.All(spec).Select(m => (m.FileName, ManifestYaml.Document(m.Manifest))));
                break;
            default:
                files.AddRange(KServeManifests.All(spec).Select(m => (m.FileName, ManifestYaml.Document(m.Manifest))));
                break;
        }

        files.Add(("README.md", DeploymentReadme.For(target, spec, sourcePath)));
        return files;
    }

    /// <summary>Validates the spec and writes the deployment into <paramref name="outputDirectory"/>.</summary>
    public static async Task<DeploymentResult> WriteAsync(
        DeploymentTarget target, DeploymentSpec spec, string outputDirectory, bool force, string? sourcePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var output = Path.GetFullPath(outputDirectory);
        if (File.Exists(output))
        {
            throw GyreException.InvalidInput($"--out {output} is a file; give a folder.");
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !force)
        {
            throw GyreException.InvalidState($"--out {output} is not empty; pass --force to replace it.");
        }

        var parent = Path.GetDirectoryName(output) ?? throw GyreException.InvalidInput($"--out {output} has no parent folder.");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(output)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var files = Files(target, spec, sourcePath);
            foreach (var (path, text) in files)
            {
                await File.WriteAllTextAsync(Path.Combine(staging, path), text, Gyre.Data.Files.AtomicFile.Utf8, cancellationToken);
            }

            var copyModel = target is DeploymentTarget.Docker or DeploymentTarget.KServe;
            if (copyModel)
            {
                CopyFolder(spec.PackagePath, Path.Combine(staging, "model"));
            }

            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.Move(staging, output);
            var written = files.Select(f => f.Path).ToList();
            if (copyModel)
            {
                written.Add("model/");
            }

            return new DeploymentResult(target, output, written, spec.EffectiveImage, copyModel);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    private static void CopyFolder(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            throw GyreException.NotFound($"Model package folder '{source}' does not exist.");
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
