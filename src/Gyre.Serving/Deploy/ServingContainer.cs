namespace Gyre.Serving.Deploy;

/// <summary>
/// The facts every generated deployment shares about the container that runs <c>gyre serve</c>: the user it runs as,
/// where the model and the workspace live inside it, and the HTTP paths Gyre.Serving maps for probes and metrics
/// (<see cref="Hosting.ModelServer"/> maps its probes and metrics from these constants; a test proves they answer on a live server).
/// </summary>
public static class ServingContainer
{
    /// <summary>The fixed non-root UID (and GID) of the image's <c>gyre</c> user; the pod security context uses the same.</summary>
    public const int UserId = 10001;

    /// <summary>The folder holding baked-in model packages; a package sits at <c>/models/NAME</c>.</summary>
    public const string ModelRoot = "/models";

    /// <summary>Where KServe's storage initializer puts the model (<c>storageUri</c> is downloaded here).</summary>
    public const string KServeModelDir = "/mnt/models";

    /// <summary>The folder of the published gyre CLI.</summary>
    public const string AppDir = "/app";

    /// <summary>The Gyre workspace (GYRE_HOME) inside the container: writable, an emptyDir in Kubernetes.</summary>
    public const string WorkspaceDir = "/var/lib/gyre";

    /// <summary>Liveness: the process answers (no model checks).</summary>
    public const string LivePath = "/v2/health/live";

    /// <summary>Readiness: every model loaded and warmed; 503 while draining.</summary>
    public const string ReadyPath = "/v2/health/ready";

    /// <summary>Prometheus metrics.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The name of the container port (Service and ServiceMonitor refer to it).</summary>
    public const string PortName = "http";

    /// <summary>The command line that starts the server in the container, serving the package at <paramref name="packagePath"/> as <paramref name="endpointName"/>.</summary>
    public static IReadOnlyList<string> ServeCommand(string packagePath, string endpointName, int port) =>
    [
        "dotnet", AppDir + "/gyre.dll", "serve",
        "--package", packagePath,
        "--name", endpointName,
        "--host", "0.0.0.0",
        "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}
