namespace Gyre.Serving.Deploy;

/// <summary>
/// The Kubernetes objects of a model deployment, all named <see cref="DeploymentSpec.ResourceName"/> and selected by the
/// same labels: a Deployment running the model image (probes on the live and ready paths, resources from the spec, the
/// Dockerfile's non-root UID, read-only root filesystem with emptyDirs for the workspace and /tmp), a Service, an
/// autoscaling/v2 HorizontalPodAutoscaler on CPU, a PodDisruptionBudget and a Prometheus-operator ServiceMonitor.
/// </summary>
public static class KubernetesManifests
{
    /// <summary>The CPU utilisation (percent of the request) the autoscaler keeps.</summary>
    public const int CpuTargetPercent = 70;

    /// <summary>The objects in apply order, each a manifest of its own (file name → object).</summary>
    public static IReadOnlyList<(string FileName, IReadOnlyDictionary<string, object?> Manifest)> All(DeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return
        [
            ("deployment.yaml", Deployment(spec)),
            ("service.yaml", Service(spec)),
            ("hpa.yaml", Autoscaler(spec)),
            ("pdb.yaml", DisruptionBudget(spec)),
            ("servicemonitor.yaml", ServiceMonitor(spec)),
        ];
    }

    /// <summary>The labels every object carries and the Service, PDB and ServiceMonitor select on.</summary>
    public static Dictionary<string, object?> Labels(DeploymentSpec spec) => new()
    {
        ["app.kubernetes.io/name"] = spec.ResourceName,
        ["app.kubernetes.io/component"] = "model-server",
        ["app.kubernetes.io/part-of"] = "gyre",
    };

    private static Dictionary<string, object?> Metadata(DeploymentSpec spec, Dictionary<string, object?>? extraLabels = null)
    {
        var labels = Labels(spec);
        foreach (var (key, value) in extraLabels ?? [])
        {
            labels[key] = value;
        }

        return new() { ["name"] = spec.ResourceName, ["labels"] = labels };
    }

    private static Dictionary<string, object?> Deployment(DeploymentSpec spec) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = Metadata(spec, new() { ["gyre.dev/model-version"] = spec.ModelVersion }),
        ["spec"] = new Dictionary<string, object?>
        {
            ["replicas"] = spec.Replicas,
            ["selector"] = new Dictionary<string, object?> { ["matchLabels"] = Labels(spec) },
            ["strategy"] = new Dictionary<string, object?>
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new Dictionary<string, object?> { ["maxUnavailable"] = 0, ["maxSurge"] = 1 },
            },
            ["template"] = new Dictionary<string, object?>
            {
                ["metadata"] = new Dictionary<string, object?>
                {
                    ["labels"] = Labels(spec),
                    ["annotations"] = new Dictionary<string, object?> { ["gyre.dev/model"] = $"{spec.ModelName}/{spec.ModelVersion}" },
                },
                ["spec"] = new Dictionary<string, object?>
                {
                    ["terminationGracePeriodSeconds"] = 30,
                    ["securityContext"] = new Dictionary<string, object?>
                    {
                        ["runAsNonRoot"] = true,
                        ["runAsUser"] = ServingContainer.UserId,
                        ["runAsGroup"] = ServingContainer.UserId,
                        ["fsGroup"] = ServingContainer.UserId,
                        ["seccompProfile"] = new Dictionary<string, object?> { ["type"] = "RuntimeDefault" },
                    },
                    ["containers"] = new List<object?> { Container(spec) },
                    ["volumes"] = Volumes(),
                },
            },
        },
    };

    /// <summary>The model-server container (also KServe's container shape, apart from the name and model path).</summary>
    private static Dictionary<string, object?> Container(DeploymentSpec spec) => new()
    {
        ["name"] = "model-server",
        ["image"] = spec.EffectiveImage,
        ["imagePullPolicy"] = "IfNotPresent",
        ["ports"] = new List<object?> { new Dictionary<string, object?> { ["name"] = ServingContainer.PortName, ["containerPort"] = spec.Port, ["protocol"] = "TCP" } },
        ["startupProbe"] = Probe(spec, ServingContainer.LivePath, periodSeconds: 2, failureThreshold: 150),
        ["livenessProbe"] = Probe(spec, ServingContainer.LivePath, periodSeconds: 10, failureThreshold: 3),
        ["readinessProbe"] = Probe(spec, ServingContainer.ReadyPath, periodSeconds: 5, failureThreshold: 2),
        ["lifecycle"] = new Dictionary<string, object?>
        {
            // Endpoints controllers take a moment to stop routing to a terminating pod.
            ["preStop"] = new Dictionary<string, object?>
            {
                ["exec"] = new Dictionary<string, object?> { ["command"] = new List<object?> { "sleep", "5" } },
            },
        },
        ["resources"] = Resources(spec),
        ["securityContext"] = ContainerSecurity(),
        ["volumeMounts"] = VolumeMounts(),
    };

    /// <summary>The writable folders of a read-only container: the Gyre workspace and /tmp (see <see cref="Volumes"/>).</summary>
    public static List<object?> VolumeMounts() =>
    [
        new Dictionary<string, object?> { ["name"] = "workspace", ["mountPath"] = ServingContainer.WorkspaceDir },
        new Dictionary<string, object?> { ["name"] = "tmp", ["mountPath"] = "/tmp" },
    ];

    /// <summary>The emptyDir volumes behind <see cref="VolumeMounts"/>.</summary>
    public static List<object?> Volumes() =>
    [
        new Dictionary<string, object?> { ["name"] = "workspace", ["emptyDir"] = new Dictionary<string, object?>() },
        new Dictionary<string, object?> { ["name"] = "tmp", ["emptyDir"] = new Dictionary<string, object?>() },
    ];

    /// <summary>Requests from the spec; memory limit = request, CPU limit = twice the request.</summary>
    public static Dictionary<string, object?> Resources(DeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new()
        {
            ["requests"] = new Dictionary<string, object?> { ["cpu"] = spec.Cpu, ["memory"] = spec.Memory },
            ["limits"] = new Dictionary<string, object?> { ["cpu"] = spec.CpuLimit, ["memory"] = spec.Memory },
        };
    }

    /// <summary>Non-root, no privilege escalation, every capability dropped, read-only root filesystem.</summary>
    public static Dictionary<string, object?> ContainerSecurity() => new()
    {
        ["runAsNonRoot"] = true,
        ["runAsUser"] = ServingContainer.UserId,
        ["allowPrivilegeEscalation"] = false,
        ["readOnlyRootFilesystem"] = true,
        ["capabilities"] = new Dictionary<string, object?> { ["drop"] = new List<object?> { "ALL" } },
    };

    /// <summary>An HTTP GET probe on <paramref name="path"/> at the serving port.</summary>
    public static Dictionary<string, object?> Probe(DeploymentSpec spec, string path, int periodSeconds, int failureThreshold)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new()
        {
            ["httpGet"] = new Dictionary<string, object?> { ["path"] = path, ["port"] = spec.Port },
            ["periodSeconds"] = periodSeconds,
            ["timeoutSeconds"] = 2,
            ["failureThreshold"] = failureThreshold,
        };
    }

    private static Dictionary<string, object?> Service(DeploymentSpec spec) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Metadata(spec),
        ["spec"] = new Dictionary<string, object?>
        {
            ["type"] = "ClusterIP",
            ["selector"] = Labels(spec),
            ["ports"] = new List<object?>
            {
                new Dictionary<string, object?> { ["name"] = ServingContainer.PortName, ["port"] = spec.Port, ["targetPort"] = spec.Port, ["protocol"] = "TCP" },
            },
        },
    };

    private static Dictionary<string, object?> Autoscaler(DeploymentSpec spec) => new()
    {
        ["apiVersion"] = "autoscaling/v2",
        ["kind"] = "HorizontalPodAutoscaler",
        ["metadata"] = Metadata(spec),
        ["spec"] = new Dictionary<string, object?>
        {
            ["scaleTargetRef"] = new Dictionary<string, object?> { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = spec.ResourceName },
            ["minReplicas"] = spec.Replicas,
            ["maxReplicas"] = Math.Max(spec.Replicas * 4, spec.Replicas + 1),
            ["metrics"] = new List<object?>
            {
                new Dictionary<string, object?>
                {
                    ["type"] = "Resource",
                    ["resource"] = new Dictionary<string, object?>
                    {
                        ["name"] = "cpu",
                        ["target"] = new Dictionary<string, object?> { ["type"] = "Utilization", ["averageUtilization"] = CpuTargetPercent },
                    },
                },
            },
        },
    };

    private static Dictionary<string, object?> DisruptionBudget(DeploymentSpec spec) => new()
    {
        ["apiVersion"] = "policy/v1",
        ["kind"] = "PodDisruptionBudget",
        ["metadata"] = Metadata(spec),
        ["spec"] = new Dictionary<string, object?>
        {
            // One replica: allow evictions (a budget of 1 of 1 would block node drains); more: keep all but one.
            [spec.Replicas > 1 ? "minAvailable" : "maxUnavailable"] = spec.Replicas > 1 ? spec.Replicas - 1 : 1,
            ["selector"] = new Dictionary<string, object?> { ["matchLabels"] = Labels(spec) },
        },
    };

    private static Dictionary<string, object?> ServiceMonitor(DeploymentSpec spec) => new()
    {
        ["apiVersion"] = "monitoring.coreos.com/v1",
        ["kind"] = "ServiceMonitor",
        ["metadata"] = Metadata(spec),
        ["spec"] = new Dictionary<string, object?>
        {
            ["selector"] = new Dictionary<string, object?> { ["matchLabels"] = Labels(spec) },
            ["endpoints"] = new List<object?>
            {
                new Dictionary<string, object?> { ["port"] = ServingContainer.PortName, ["path"] = ServingContainer.MetricsPath, ["interval"] = "15s" },
            },
        },
    };
}
