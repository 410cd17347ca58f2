using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Serving.Deploy;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre deploy docker|k8s|kserve --model M --out DIR`: generates what runs the model elsewhere with `gyre serve`: a
/// Docker build folder (Dockerfile, model package), Kubernetes manifests, or KServe resources (docs/deploy.md).
/// </summary>
public static class DeployCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var deploy = new Command("deploy", "Generate deployment files for a model: a Docker image build, Kubernetes manifests, or KServe resources.");
        deploy.Subcommands.Add(Target(environment, DeploymentTarget.Docker,
            "A Dockerfile (SDK stage publishing gyre from source, ASP.NET runtime stage, non-root), .dockerignore, README.md and the model package under model/."));
        deploy.Subcommands.Add(Target(environment, DeploymentTarget.Kubernetes,
            "Kubernetes manifests: Deployment (probes, resources, non-root), Service, HorizontalPodAutoscaler, PodDisruptionBudget, ServiceMonitor."));
        deploy.Subcommands.Add(Target(environment, DeploymentTarget.KServe,
            "KServe resources: a ClusterServingRuntime running gyre serve (Open Inference Protocol v2) and an InferenceService using it, plus the model package."));
        return deploy;
    }

    private static Command Target(CliEnvironment environment, DeploymentTarget target, string description)
    {
        var defaults = new DeploymentSpec { ModelName = "m", ModelVersion = "1", PackagePath = "." };
        var model = new Option<string>("--model", "-m") { Description = "The model: a package folder, or a registered NAME@ALIAS or NAME/VERSION.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "The folder to write (created; refused when not empty unless --force).", Required = true };
        var name = new Option<string?>("--name") { Description = "The endpoint and object name (default: the registered name, or the package folder's name)." };
        var image = new Option<string?>("--image") { Description = "The container image (default gyre-model-NAME:VERSION)." };
        var port = new Option<int>("--port", "-p") { Description = "The port gyre serve listens on in the container.", DefaultValueFactory = _ => defaults.Port };
        var replicas = new Option<int>("--replicas") { Description = "Replicas (the autoscaler's minimum; its maximum is four times as many).", DefaultValueFactory = _ => defaults.Replicas };
        var cpu = new Option<string>("--cpu") { Description = "CPU request (the limit is twice it).", DefaultValueFactory = _ => defaults.Cpu };
        var memory = new Option<string>("--memory") { Description = "Memory request and limit.", DefaultValueFactory = _ => defaults.Memory };
        var source = new Option<string?>("--source") { Description = "The Gyre repository the Docker build publishes gyre from (default: found above the working folder); only named in the README." };
        var storageUri = new Option<string?>("--storage-uri") { Description = "KServe only: where the model package is stored (default pvc://gyre-models/NAME/VERSION)." };
        var force = new Option<bool>("--force") { Description = "Replace a non-empty --out folder." };
        var json = CommonOptions.Json();
        var command = new Command(DeploymentReadme.Verb(target), description) { model, output, name, image, port, replicas, cpu, memory, source, force, json };
        if (target == DeploymentTarget.KServe)
        {
            command.Options.Add(storageUri);
        }

        command.SetAction(async (parse, ct) =>
        {
            var resolved = await DeployModelResolver.ResolveAsync(environment, parse.GetValue(model)!, parse.GetValue(name), ct);
            var spec = new DeploymentSpec
            {
                ModelName = resolved.Name,
                ModelVersion = resolved.Version,
                PackagePath = resolved.Package.Path,
                NeedsOpenMp = resolved.NeedsOpenMp,
                Image = parse.GetValue(image),
                Port = parse.GetValue(port),
                Replicas = parse.GetValue(replicas),
                Cpu = parse.GetValue(cpu)!,
                Memory = parse.GetValue(memory)!,
                StorageUri = parse.GetValue(storageUri),
            };
            var sourcePath = DeployModelResolver.FindSource(environment, parse.GetValue(source));
            var result = await DeploymentWriter.WriteAsync(target, spec, environment.ResolvePath(parse.GetValue(output)!), parse.GetValue(force), sourcePath, ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    target = DeploymentReadme.Verb(target),
                    directory = result.Directory,
                    files = result.Files,
                    model = new { name = spec.ModelName, version = spec.ModelVersion, package = spec.PackagePath, trainer = resolved.Package.Manifest.Trainer },
                    image = result.Image,
                    port = spec.Port,
                    resource_name = spec.ResourceName,
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            console.MarkupLineInterpolated($"Wrote {DeploymentReadme.Verb(target)} deployment of {spec.ModelName} version {spec.ModelVersion} to {result.Directory}:");
            foreach (var file in result.Files)
            {
                console.MarkupLineInterpolated($"  {file}");
            }

            console.MarkupLineInterpolated($"Image: {result.Image}. See {Path.Combine(result.Directory, "README.md")} for the build and run commands.");
            return ExitCodes.Success;
        });
        return command;
    }
}
