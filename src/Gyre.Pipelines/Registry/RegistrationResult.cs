using Gyre.Registry;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// A completed registration: the new version (as stored, with its aliases), whether the registered model was
/// created by it, and the alias set on it (null when none).
/// </summary>
public sealed record RegistrationResult(ModelVersion Version, bool CreatedModel, string? Alias);
