namespace Gyre.Tracking.Protocol.Messages.Registry;

/// <summary>
/// Gyre's extension of MLflow's <c>ModelVersion</c> (field <c>gyre_package</c>, present only when the version was
/// registered with package facts; MLflow clients ignore it): the SHA-256 of the package's manifest, its flavor
/// (<c>mlnet</c>, <c>onnx</c>), its signature as JSON text and its evaluation metrics (NaN written as <c>"NaN"</c>).
/// </summary>
public sealed record GyrePackageJson
{
    public string? Sha256 { get; init; }

    public string? Flavor { get; init; }

    public string? SignatureJson { get; init; }

    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}
