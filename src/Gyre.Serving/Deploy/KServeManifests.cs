using System.Globalization;

namespace Gyre.Serving.Deploy;

/// <summary>
/// KServe resources for a Gyre model: a ClusterServingRuntime (serving.kserve.io/v1alpha1) that runs the model image's
/// gyre CLI as <c>gyre serve</c> over the model KServe's storage initializer puts in <see cref="ServingContainer.KServeModelDir"/>
/// (model format "gyre", Open Inference Protocol v2, which Gyre.Serving speaks at /v2/...), and an InferenceService
/// (serving.kserve.io/v1beta1) using that runtime with the model package at the spec's storageUri.
/// </summary>
public static class KServeManifests
{
    /// <summary>The model format name the runtime supports and the InferenceService asks for.</summary>
    public const string ModelFormat = "gyre";

    /// <summary>The ClusterServingRuntime's name.</summary>
    public const string RuntimeName = "gyre-runtime";

    /// <summary>The objects in apply order (file name → object).</summary>
    public static IReadOnlyList<(string FileName, IReadOnlyDictionary<string, object?> Manifest)> All(DeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [("servingruntime.yaml", Runtime(spec)), ("inferenceservice.yaml", InferenceService(spec))];
    }

    private static Dictionary<string, object?> Runtime(DeploymentSpec spec)
    {
        var port = spec.Port.ToString(CultureInfo.InvariantCulture);
        var command = ServingContainer.ServeCommand(ServingContainer.KServeModelDir, "{{.Name}}", spec.Port);
        return new()
        {
            ["apiVersion"] = "serving.kserve.io/v1alpha1",
            ["kind"] = "ClusterServingRuntime",
            ["metadata"] = new Dictionary<string, object?>
            {
                ["name"] = RuntimeName,
                ["labels"] = new Dictionary<string, object?> { ["app.kubernetes.io/part-of"] = "gyre" },
            },
            ["spec"] = new Dictionary<string, object?>
            {
                ["annotations"] = new Dictionary<string, object?>
                {
                    ["prometheus.kserve.io/port"] = port,
                    ["prometheus.kserve.io/path"] = ServingContainer.MetricsPath,
                },
                ["supportedModelFormats"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["name"] = ModelFormat, ["version"] = "1", ["autoSelect"] = true, ["priority"] = 1 },
                },
                ["protocolVersions"] = new List<object?> { "v2" },
                ["multiModel"] = false,
                ["containers"] = new List<object?>
                {
                    new Dictionary<string, object?>
                    {
                        // KServe requires this container name.
                        ["name"] = "kserve-container",
                        ["image"] = spec.EffectiveImage,
                        ["command"] = new List<object?>(command.Take(2)),
                        ["args"] = new List<object?>(command.Skip(2)),
                        ["env"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "GYRE_HOME", ["value"] = ServingContainer.WorkspaceDir } },
                        ["ports"] = new List<object?> { new Dictionary<string, object?> { ["containerPort"] = spec.Port, ["protocol"] = "TCP" } },
                        ["livenessProbe"] = KubernetesManifests.Probe(spec, ServingContainer.LivePath, periodSeconds: 10, failureThreshold: 3),
                        ["readinessProbe"] = KubernetesManifests.Probe(spec, ServingContainer.ReadyPath, periodSeconds: 5, failureThreshold: 2),
                        ["resources"] = KubernetesManifests.Resources(spec),
                        ["securityContext"] = KubernetesManifests.ContainerSecurity(),
                        ["volumeMounts"] = KubernetesManifests.VolumeMounts(),
                    },
                },
                ["volumes"] = KubernetesManifests.Volumes(),
            },
        };
    }

    private static Dictionary<string, object?> InferenceService(DeploymentSpec spec) => new()
    {
        ["apiVersion"] = "serving.kserve.io/v1beta1",
        ["kind"] = "InferenceService",
        ["metadata"] = new Dictionary<string, object?>
        {
            ["name"] = spec.ResourceName,
            ["labels"] = KubernetesManifests.Labels(spec),
            ["annotations"] = new Dictionary<string, object?>
            {
                ["serving.kserve.io/deploymentMode"] = "Standard",
                ["gyre.dev/model"] = $"{spec.ModelName}/{spec.ModelVersion}",
            },
        },
        ["spec"] = new Dictionary<string, object?>
        {
            ["predictor"] = new Dictionary<string, object?>
            {
                ["minReplicas"] = spec.Replicas,
                ["maxReplicas"] = Math.Max(spec.Replicas * 4, spec.Replicas + 1),
                ["scaleMetric"] = "cpu",
                ["scaleTarget"] = KubernetesManifests.CpuTargetPercent,
                ["model"] = new Dictionary<string, object?>
                {
                    ["modelFormat"] = new Dictionary<string, object?> { ["name"] = ModelFormat },
                    ["protocolVersion"] = "v2",
                    ["runtime"] = RuntimeName,
                    ["storageUri"] = spec.EffectiveStorageUri,
                    ["resources"] = KubernetesManifests.Resources(spec),
                },
            },
        },
    };
}
