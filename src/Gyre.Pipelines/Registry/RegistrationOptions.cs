using Gyre.Registry;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// How to register a version. <see cref="Alias"/>: an alias to point at the new version; when null, the first
/// version of a new model gets <see cref="ModelRegistration.DefaultFirstAlias"/> unless <see cref="NoAlias"/>.
/// </summary>
public sealed record RegistrationOptions(RegistryActor Actor)
{
    public string? Alias { get; init; }

    public bool NoAlias { get; init; }

    public string? Description { get; init; }
}
