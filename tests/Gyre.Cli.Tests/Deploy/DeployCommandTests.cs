using System.Globalization;
using Gyre.Cli.Tests.Support;
using Gyre.Serving.Deploy;
using Gyre.Training.Packaging;

namespace Gyre.Cli.Tests.Deploy;

/// <summary>
/// `gyre deploy docker|k8s|kserve` on the shared workspace's LightGBM package: the generated Dockerfile and manifests
/// parse, and the port, paths, user, model location and resources agree with each other and with the flags.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class DeployCommandTests(TrainedWorkspace workspace)
{
    private const string Name = "fraud";

    private string Package => TrainedWorkspace.ModelPath(workspace.First);

    [Fact]
    public async Task Docker_DockerfileExposesServesAndChecksTheSamePort()
    {
        var output = Path.Combine(workspace.NewScratchFolder(), "image");
        var result = (await workspace.Cli.RunOkAsync("deploy", "docker", "--model", Package, "--name", Name, "--out", output, "--port", "9090", "--json")).Json();

        var manifest = (await ModelPackage.LoadAsync(Package, TestContext.Current.CancellationToken)).Manifest;
        var expectedVersion = manifest.Files[ModelPackage.ModelFileName][..12];
        Assert.Equal($"gyre-model-{Name}:{expectedVersion}", result["image"]!.GetValue<string>());
        var docker = new GeneratedDockerfile(await File.ReadAllTextAsync(Path.Combine(output, "Dockerfile"), TestContext.Current.CancellationToken));
        var froms = docker.All("FROM");
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"], froms);
        Assert.Equal("9090", docker.One("EXPOSE"));
        Assert.Equal("9090", docker.EntrypointFlag("--port"));
        Assert.Equal("0.0.0.0", docker.EntrypointFlag("--host"));
        Assert.Equal(Name, docker.EntrypointFlag("--name"));
        Assert.Equal(["dotnet", "/app/gyre.dll", "serve"], docker.Entrypoint[..3]);
        Assert.Contains($"http://127.0.0.1:9090{ServingContainer.ReadyPath}", docker.One("HEALTHCHECK"), StringComparison.Ordinal);

        // The model is copied to where serve reads it, and runs as the fixed non-root user.
        var modelCopy = Assert.Single(docker.All("COPY"), c => c.StartsWith("model/ ", StringComparison.Ordinal));
        Assert.Equal(docker.EntrypointFlag("--package") + "/", modelCopy["model/ ".Length..]);
        Assert.Equal($"{ServingContainer.UserId}:{ServingContainer.UserId}", docker.One("USER"));
        Assert.Contains(docker.All("RUN"), r => r.Contains($"useradd --uid {ServingContainer.UserId}", StringComparison.Ordinal));

        // LightGBM's native library needs libgomp1.
        Assert.Equal("lightgbm", manifest.Trainer);
        Assert.Contains(docker.All("RUN"), r => r.Contains("apt-get install", StringComparison.Ordinal) && r.Contains("libgomp1", StringComparison.Ordinal));

        // The copy is a whole, verified package, and the build context holds only what the Dockerfile needs.
        var copied = await ModelPackage.LoadAsync(Path.Combine(output, "model"), TestContext.Current.CancellationToken);
        Assert.Equal(manifest.Files, copied.Manifest.Files);
        Assert.Contains("!model/", await File.ReadAllLinesAsync(Path.Combine(output, ".dockerignore"), TestContext.Current.CancellationToken));
        var readme = await File.ReadAllTextAsync(Path.Combine(output, "README.md"), TestContext.Current.CancellationToken);
        Assert.Contains($"--build-context {DockerfileGenerator.SourceContext}=", readme, StringComparison.Ordinal);
        Assert.Contains($"-p 9090:9090 gyre-model-{Name}:{expectedVersion}", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_ObjectsParseAndAgreeOnPortsLabelsPathsAndResources()
    {
        var output = Path.Combine(workspace.NewScratchFolder(), "k8s");
        await workspace.Cli.RunOkAsync(
            "deploy", "k8s", "--model", Package, "--name", Name, "--out", output, "--port", "9090", "--replicas", "3", "--cpu", "250m", "--memory", "1Gi", "--image", "registry.example/fraud:7");

        var documents = GeneratedYaml.Documents(output);
        Assert.Equal(
            ["Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Service", "ServiceMonitor"],
            documents.Select(d => GeneratedYaml.Text(d, "kind")).Order(StringComparer.Ordinal));
        Assert.All(documents, d => Assert.Equal(Name, GeneratedYaml.Text(d, "metadata", "name")));

        var deployment = GeneratedYaml.OfKind(documents, "Deployment");
        var service = GeneratedYaml.OfKind(documents, "Service");
        var monitor = GeneratedYaml.OfKind(documents, "ServiceMonitor");
        var hpa = GeneratedYaml.OfKind(documents, "HorizontalPodAutoscaler");
        var pdb = GeneratedYaml.OfKind(documents, "PodDisruptionBudget");
        var pod = GeneratedYaml.At(deployment, "spec", "template");
        var container = GeneratedYaml.At(pod, "spec", "containers", 0);

        // One port everywhere.
        Assert.Equal(9090, GeneratedYaml.Number(container, "ports", 0, "containerPort"));
        Assert.Equal(9090, GeneratedYaml.Number(service, "spec", "ports", 0, "targetPort"));
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            Assert.Equal(9090, GeneratedYaml.Number(container, probe, "httpGet", "port"));
        }

        Assert.Equal(GeneratedYaml.Text(container, "ports", 0, "name"), GeneratedYaml.Text(service, "spec", "ports", 0, "name"));
        Assert.Equal(GeneratedYaml.Text(service, "spec", "ports", 0, "name"), GeneratedYaml.Text(monitor, "spec", "endpoints", 0, "port"));

        // Paths are the server's.
        Assert.Equal(ServingContainer.LivePath, GeneratedYaml.Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal(ServingContainer.ReadyPath, GeneratedYaml.Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal(ServingContainer.MetricsPath, GeneratedYaml.Text(monitor, "spec", "endpoints", 0, "path"));

        // Every selector selects the pods.
        var podLabels = GeneratedYaml.Map(pod, "metadata", "labels");
        Assert.Equal(podLabels, GeneratedYaml.Map(deployment, "spec", "selector", "matchLabels"));
        Assert.Equal(podLabels, GeneratedYaml.Map(service, "spec", "selector"));
        Assert.Equal(podLabels, GeneratedYaml.Map(pdb, "spec", "selector", "matchLabels"));
        Assert.Equal(podLabels, GeneratedYaml.Map(monitor, "spec", "selector", "matchLabels"));
        Assert.Equal(podLabels, GeneratedYaml.Map(service, "metadata", "labels"));
        Assert.Equal(Name, GeneratedYaml.Text(hpa, "spec", "scaleTargetRef", "name"));
        Assert.Equal("Deployment", GeneratedYaml.Text(hpa, "spec", "scaleTargetRef", "kind"));

        // Flags.
        Assert.Equal("registry.example/fraud:7", GeneratedYaml.Text(container, "image"));
        Assert.Equal(3, GeneratedYaml.Number(deployment, "spec", "replicas"));
        Assert.Equal(3, GeneratedYaml.Number(hpa, "spec", "minReplicas"));
        Assert.Equal("250m", GeneratedYaml.Text(container, "resources", "requests", "cpu"));
        Assert.Equal("500m", GeneratedYaml.Text(container, "resources", "limits", "cpu"));
        Assert.Equal("1Gi", GeneratedYaml.Text(container, "resources", "requests", "memory"));
        Assert.Equal("1Gi", GeneratedYaml.Text(container, "resources", "limits", "memory"));
        Assert.Equal("autoscaling/v2", GeneratedYaml.Text(hpa, "apiVersion"));
        Assert.Equal("monitoring.coreos.com/v1", GeneratedYaml.Text(monitor, "apiVersion"));

        // The Dockerfile's user, non-root.
        var uid = ServingContainer.UserId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal("true", GeneratedYaml.Text(pod, "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal(uid, GeneratedYaml.Text(pod, "spec", "securityContext", "runAsUser"));
        Assert.Equal(uid, GeneratedYaml.Text(container, "securityContext", "runAsUser"));
        Assert.False(Directory.Exists(Path.Combine(output, "model")));
    }

    [Fact]
    public async Task KServe_RuntimeServesTheGyreFormatTheInferenceServiceAsksFor()
    {
        var output = Path.Combine(workspace.NewScratchFolder(), "kserve");
        await workspace.Cli.RunOkAsync("deploy", "kserve", "--model", Package, "--name", Name, "--out", output, "--storage-uri", "s3://models/fraud/1");

        var documents = GeneratedYaml.Documents(output);
        var runtime = GeneratedYaml.OfKind(documents, "ClusterServingRuntime");
        var service = GeneratedYaml.OfKind(documents, "InferenceService");
        Assert.Equal("serving.kserve.io/v1alpha1", GeneratedYaml.Text(runtime, "apiVersion"));
        Assert.Equal("serving.kserve.io/v1beta1", GeneratedYaml.Text(service, "apiVersion"));

        var model = GeneratedYaml.At(service, "spec", "predictor", "model");
        Assert.Equal(GeneratedYaml.Text(runtime, "metadata", "name"), GeneratedYaml.Text(model, "runtime"));
        Assert.Equal(KServeManifests.ModelFormat, GeneratedYaml.Text(runtime, "spec", "supportedModelFormats", 0, "name"));
        Assert.Equal(KServeManifests.ModelFormat, GeneratedYaml.Text(model, "modelFormat", "name"));
        Assert.Equal("v2", GeneratedYaml.Text(model, "protocolVersion"));
        Assert.Contains("v2", GeneratedYaml.List(runtime, "spec", "protocolVersions"));
        Assert.Equal("s3://models/fraud/1", GeneratedYaml.Text(model, "storageUri"));

        var container = GeneratedYaml.At(runtime, "spec", "containers", 0);
        Assert.Equal("kserve-container", GeneratedYaml.Text(container, "name"));
        var args = GeneratedYaml.List(container, "args");
        Assert.Equal("serve", args[0]);
        Assert.Equal(ServingContainer.KServeModelDir, args[args.IndexOf("--package") + 1]);
        Assert.Equal("8080", args[args.IndexOf("--port") + 1]);
        Assert.Equal(8080, GeneratedYaml.Number(container, "ports", 0, "containerPort"));
        Assert.Equal(ServingContainer.ReadyPath, GeneratedYaml.Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("8080", GeneratedYaml.Text(runtime, "spec", "annotations", "prometheus.kserve.io/port"));
        Assert.Equal(ServingContainer.MetricsPath, GeneratedYaml.Text(runtime, "spec", "annotations", "prometheus.kserve.io/path"));
        await ModelPackage.LoadAsync(Path.Combine(output, "model"), TestContext.Current.CancellationToken);

        // The read-only container's workspace is a mounted volume the runtime declares.
        var home = GeneratedYaml.Text(container, "env", 0, "value");
        Assert.Equal("GYRE_HOME", GeneratedYaml.Text(container, "env", 0, "name"));
        Assert.Equal("true", GeneratedYaml.Text(container, "securityContext", "readOnlyRootFilesystem"));
        var mounts = (YamlDotNet.RepresentationModel.YamlSequenceNode)GeneratedYaml.At(container, "volumeMounts");
        var mount = Assert.Single(mounts.Children, m => GeneratedYaml.Text(m, "mountPath") == home);
        var volumes = (YamlDotNet.RepresentationModel.YamlSequenceNode)GeneratedYaml.At(runtime, "spec", "volumes");
        Assert.Single(volumes.Children, v => GeneratedYaml.Text(v, "name") == GeneratedYaml.Text(mount, "name"));
    }

    [Fact]
    public async Task NonEmptyOut_IsRefusedWithoutForce_AndReplacedWithIt()
    {
        var output = Path.Combine(workspace.NewScratchFolder(), "out");
        Directory.CreateDirectory(output);
        var stale = Path.Combine(output, "stale.txt");
        await File.WriteAllTextAsync(stale, "keep me", TestContext.Current.CancellationToken);

        var refused = await workspace.Cli.RunAsync("deploy", "k8s", "--model", Package, "--name", Name, "--out", output);
        refused.AssertExit(ExitCodes.Failure);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(["stale.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));

        await workspace.Cli.RunOkAsync("deploy", "k8s", "--model", Package, "--name", Name, "--out", output, "--force");
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Path.Combine(output, "deployment.yaml")));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(output)!, ".out.tmp-*"));
    }

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--replicas", "0")]
    [InlineData("--cpu", "lots")]
    [InlineData("--memory", "-1Gi")]
    public async Task BadFlag_IsNamedAndNothingIsWritten(string flag, string value)
    {
        var output = Path.Combine(workspace.NewScratchFolder(), "out");
        var result = await workspace.Cli.RunAsync("deploy", "k8s", "--model", Package, "--name", Name, "--out", output, flag, value);
        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(flag, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Help_ListsTheFlags()
    {
        foreach (var target in new[] { "docker", "k8s", "kserve" })
        {
            var help = await workspace.Cli.RunOkAsync("deploy", target, "--help");
            foreach (var flag in new[] { "--model", "--out", "--image", "--port", "--replicas", "--cpu", "--memory", "--force", "--json" })
            {
                Assert.Contains(flag, help.Out, StringComparison.Ordinal);
            }
        }
    }
}
