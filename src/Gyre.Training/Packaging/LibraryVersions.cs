using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML;

namespace Gyre.Training.Packaging;

/// <summary>The versions of Gyre, ML.NET and the .NET runtime a package was written with.</summary>
public sealed record LibraryVersions(string Gyre, string MlNet, string DotNet)
{
    /// <summary>The versions loaded in this process.</summary>
    public static LibraryVersions Current { get; } = new(
        VersionOf(typeof(LibraryVersions).Assembly), VersionOf(typeof(MLContext).Assembly), RuntimeInformation.FrameworkDescription);

    private static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
