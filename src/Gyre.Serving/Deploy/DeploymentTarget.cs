namespace Gyre.Serving.Deploy;

/// <summary>What <c>gyre deploy</c> generates: a Docker build folder, Kubernetes manifests, or KServe resources.</summary>
public enum DeploymentTarget
{
    /// <summary>Dockerfile, .dockerignore, README.md and the model package under <c>model/</c>.</summary>
    Docker,

    /// <summary>Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget and ServiceMonitor.</summary>
    Kubernetes,

    /// <summary>A ClusterServingRuntime for Gyre and an InferenceService using it.</summary>
    KServe,
}
