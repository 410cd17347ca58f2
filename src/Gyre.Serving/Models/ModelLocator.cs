using Gyre.Core;
using Gyre.Registry;

namespace Gyre.Serving.Models;

/// <summary>
/// Where a served model comes from: a registry reference (<c>name@alias</c>, followed when the alias moves, or
/// <c>name/version</c>, fixed) or a package folder (fixed). Exactly one of <see cref="Reference"/> and
/// <see cref="PackagePath"/> is set.
/// </summary>
public sealed record ModelLocator
{
    private ModelLocator(ModelReference? reference, string? packagePath)
    {
        Reference = reference;
        PackagePath = packagePath;
    }

    public ModelReference? Reference { get; }

    public string? PackagePath { get; }

    /// <summary>True when the locator names an alias the server follows.</summary>
    public bool FollowsAlias => Reference?.Alias is not null;

    /// <summary>A registry reference; InvalidInput naming the text when it is malformed.</summary>
    public static ModelLocator Registered(string reference) => new(ModelReference.Parse(reference), null);

    /// <summary>A package folder (or its manifest.json); resolved to a full path.</summary>
    public static ModelLocator Package(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw GyreException.InvalidInput("A package path must not be empty.");
        }

        return new ModelLocator(null, Path.GetFullPath(path));
    }

    public override string ToString() => Reference?.ToString() ?? PackagePath!;
}
