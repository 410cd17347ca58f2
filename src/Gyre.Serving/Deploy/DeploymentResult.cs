namespace Gyre.Serving.Deploy;

/// <summary>What <see cref="DeploymentWriter"/> wrote: the output folder, its files (relative, '/'-separated, model files excluded) and the image it refers to.</summary>
public sealed record DeploymentResult(DeploymentTarget Target, string Directory, IReadOnlyList<string> Files, string Image, bool ModelCopied);
