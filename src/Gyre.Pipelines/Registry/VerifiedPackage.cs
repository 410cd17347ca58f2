using Gyre.Registry;
using Gyre.Training.Packaging;

namespace Gyre.Pipelines.Registry;

/// <summary>A model package loaded after every file matched its manifest, with the facts the registry records of it.</summary>
public sealed record VerifiedPackage(ModelPackage Package, PackageFacts Facts);
