using Gyre.Core;

namespace Gyre.Registry;

/// <summary>
/// How a model is addressed everywhere (CLI, server, pipelines): <c>name@alias</c> or <c>name/version</c>.
/// Exactly one of <see cref="Alias"/> and <see cref="Version"/> is set.
/// </summary>
public sealed record ModelReference(string Name, string? Alias, int? Version)
{
    /// <summary>Parses <c>name@alias</c> or <c>name/version</c>; InvalidInput naming the text otherwise.</summary>
    public static ModelReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        if (at > 0 && at < text.Length - 1)
        {
            return new ModelReference(text[..at], text[(at + 1)..], null);
        }

        var slash = text.LastIndexOf('/');
        if (slash > 0 && int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return new ModelReference(text[..slash], null, version);
        }

        throw GyreException.InvalidInput($"Invalid model reference '{text}': expected NAME@ALIAS (e.g. fraud@champion) or NAME/VERSION (e.g. fraud/3).");
    }

    /// <summary>The version this reference names in <paramref name="store"/>.</summary>
    public Task<ModelVersion> ResolveAsync(IModelRegistryStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Alias is not null
            ? store.GetModelVersionByAliasAsync(Name, Alias, cancellationToken)
            : store.GetModelVersionAsync(Name, Version!.Value, cancellationToken);
    }

    public override string ToString() => Alias is not null ? $"{Name}@{Alias}" : $"{Name}/{Version}";
}
