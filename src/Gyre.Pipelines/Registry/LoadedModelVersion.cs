using Gyre.Registry;
using Gyre.Training.Packaging;

namespace Gyre.Pipelines.Registry;

/// <summary>A registered version with its package, loaded only after the package matched the recorded checksum and every file matched the manifest.</summary>
public sealed record LoadedModelVersion(ModelReference Reference, ModelVersion Version, ModelPackage Package);
