using Gyre.Core;
using Gyre.Pipelines.Running;

namespace Gyre.Serving.Deploy;

/// <summary>
/// The pipeline <c>deploy</c> step: writes the files that run <c>model</c> with `gyre serve` elsewhere into the folder
/// <c>out</c> (<see cref="DeploymentWriter"/>, as `gyre deploy` does with its default container settings): <c>target</c>
/// docker (Dockerfile, .dockerignore, README.md, the package under model/), k8s (Kubernetes manifests) or kserve.
/// <c>model</c> is a package folder (relative to the working folder) or NAME@ALIAS / NAME/VERSION, turned into the
/// deployment's model (name, version, package, OpenMP need) by <paramref name="resolveModel"/>, which the CLI supplies.
/// A non-empty <c>out</c> is refused unless <c>force</c> is "true" (then replaced). <paramref name="sourcePath"/>: the
/// Gyre repository the Docker build publishes from (named in the README), or null. Output: <c>path</c>, the folder
/// written (full path). Lives here, not in Gyre.Pipelines, because Serving already depends on Pipelines.
/// </summary>
public sealed class DeployStepExecutor(Func<string, CancellationToken, Task<DeploymentSpec>> resolveModel, string? sourcePath) : IStepExecutor
{
    public string Kind => "deploy";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var target = inputs["target"] switch
        {
            "docker" => DeploymentTarget.Docker,
            "k8s" => DeploymentTarget.Kubernetes,
            "kserve" => DeploymentTarget.KServe,
            var other => throw GyreException.InvalidInput($"step '{context.StepId}': target must be docker, k8s or kserve; got '{other}'."),
        };
        var force = inputs.GetValueOrDefault("force") switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw GyreException.InvalidInput($"step '{context.StepId}': force must be true or false; got '{other}'."),
        };
        var spec = await resolveModel(ModelInput.Resolve(inputs["model"], context.WorkingDirectory), cancellationToken);
        var output = Path.GetFullPath(inputs["out"], context.WorkingDirectory);
        if (!force && Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw GyreException.InvalidState($"step '{context.StepId}': out '{output}' is not empty; set force: \"true\" to replace it.");
        }

        var result = await DeploymentWriter.WriteAsync(target, spec, output, force, sourcePath, cancellationToken);
        await context.Log.WriteLineAsync($"wrote {DeploymentReadme.Verb(target)} deployment of {spec.ModelName} version {spec.ModelVersion} to {result.Directory}: {string.Join(", ", result.Files)}");
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["path"] = result.Directory };
    }
}
