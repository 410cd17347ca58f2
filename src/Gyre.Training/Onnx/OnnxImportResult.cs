using Gyre.Training.Packaging;

namespace Gyre.Training.Onnx;

/// <summary>What <see cref="OnnxModelImporter.ImportAsync"/> made: the package, loaded and verified (it has scored one row).</summary>
public sealed record OnnxImportResult(ModelPackage Package, OnnxGraphBinding Binding);
