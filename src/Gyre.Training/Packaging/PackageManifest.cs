using System.Text.Json.Serialization;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;

namespace Gyre.Training.Packaging;

/// <summary>
/// The contents of a package's manifest.json (snake_case JSON). <see cref="Files"/> maps every other file of
/// the package (relative name) to its lowercase hex SHA-256; loading refuses a package whose files do not match.
/// <see cref="ClassNames"/> is in model order (binary: [negative, positive]); <see cref="Inputs"/> is the input
/// signature in model order.
/// </summary>
public sealed record PackageManifest
{
    /// <summary>The format this code writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The flavor of packages holding an ML.NET model.</summary>
    public const string MlNetFlavor = "mlnet";

    /// <summary>The flavor of packages holding an ONNX graph trained elsewhere (model.onnx; see <see cref="Onnx"/>).</summary>
    public const string OnnxFlavor = "onnx";

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public string Flavor { get; init; } = MlNetFlavor;

    public required TaskKind Task { get; init; }

    public required string Label { get; init; }

    public string? PositiveClass { get; init; }

    public IReadOnlyList<string> ClassNames { get; init; } = [];

    public required IReadOnlyList<SignatureColumn> Inputs { get; init; }

    public required IReadOnlyList<OutputField> Outputs { get; init; }

    /// <summary>Evaluation metrics (name → value) as given by the caller at save time.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public required string Trainer { get; init; }

    public IReadOnlyDictionary<string, string> Hyperparameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Opaque fingerprint of the training data, as given by the caller.</summary>
    public string? TrainingDataFingerprint { get; init; }

    public required LibraryVersions Libraries { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyDictionary<string, string> Files { get; init; }

    /// <summary>For flavor <see cref="OnnxFlavor"/>: how the signature's columns feed the graph and which output is read; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OnnxGraphBinding? Onnx { get; init; }

    /// <summary>The label mapping this manifest describes.</summary>
    public LabelMapping ToLabelMapping() => new(Label, Task, ClassNames, PositiveClass);
}
