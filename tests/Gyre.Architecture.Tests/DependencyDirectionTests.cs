using System.Reflection;

namespace Gyre.Architecture.Tests;

/// <summary>
/// Enforces the dependency direction of docs/architecture.md by reading each Gyre assembly's
/// references: Cli → Pipelines → {Data, Training, Tuning, Tracking, Registry, Monitoring} → Core;
/// stores → contracts; only Training knows ML.NET.
/// </summary>
public sealed class DependencyDirectionTests
{
    /// <summary>For each Gyre assembly, the Gyre assemblies it may reference.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Gyre.Core"] = [],
        ["Gyre.Data"] = ["Gyre.Core"],
        ["Gyre.Training"] = ["Gyre.Core", "Gyre.Data"],
        ["Gyre.Tracking"] = ["Gyre.Core"],
        ["Gyre.Registry"] = ["Gyre.Core"],
        ["Gyre.Monitoring"] = ["Gyre.Core"],
        ["Gyre.Tuning"] = ["Gyre.Core"],
        ["Gyre.Stores.Sql"] = ["Gyre.Core", "Gyre.Tracking", "Gyre.Registry", "Gyre.Monitoring", "Gyre.Tuning"],
        ["Gyre.Stores.Sqlite"] = ["Gyre.Core", "Gyre.Tracking", "Gyre.Registry", "Gyre.Monitoring", "Gyre.Stores.Sql", "Gyre.Tuning"],
        ["Gyre.Stores.Postgres"] = ["Gyre.Core", "Gyre.Tracking", "Gyre.Registry", "Gyre.Monitoring", "Gyre.Stores.Sql", "Gyre.Tuning"],
        ["Gyre.Stores.S3"] = ["Gyre.Core", "Gyre.Tracking"],
        ["Gyre.Tracking.Protocol"] = ["Gyre.Core", "Gyre.Tracking", "Gyre.Registry"],
        ["Gyre.Server"] = ["Gyre.Core", "Gyre.Tracking", "Gyre.Registry", "Gyre.Tracking.Protocol", "Gyre.Stores.Sql", "Gyre.Stores.Sqlite", "Gyre.Stores.Postgres", "Gyre.Stores.S3", "Gyre.Tuning", "Gyre.Monitoring"],
        ["Gyre.Client"] = ["Gyre.Core", "Gyre.Tracking", "Gyre.Registry", "Gyre.Tracking.Protocol", "Gyre.Stores.Sql", "Gyre.Stores.Sqlite", "Gyre.Tuning"],
        ["Gyre.Pipelines"] = ["Gyre.Core", "Gyre.Data", "Gyre.Training", "Gyre.Tracking", "Gyre.Registry", "Gyre.Monitoring", "Gyre.Tuning"],
        ["Gyre.Serving"] = ["Gyre.Core", "Gyre.Data", "Gyre.Training", "Gyre.Registry", "Gyre.Monitoring", "Gyre.Pipelines", "Gyre.Tuning"],
        ["gyre"] = ["Gyre.Core", "Gyre.Data", "Gyre.Training", "Gyre.Tracking", "Gyre.Registry", "Gyre.Monitoring", "Gyre.Stores.Sql", "Gyre.Stores.Sqlite", "Gyre.Pipelines", "Gyre.Server", "Gyre.Serving", "Gyre.Client", "Gyre.Tuning"],
    };

    public static TheoryData<string> GyreAssemblies => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(GyreAssemblies))]
    public void References_OnlyAllowedGyreAssemblies(string assemblyName)
    {
        var references = GyreReferences(assemblyName);
        var forbidden = references.Except(Allowed[assemblyName]).ToList();
        Assert.True(forbidden.Count == 0, $"{assemblyName} must not reference {string.Join(", ", forbidden)}.");
    }

    [Theory]
    [MemberData(nameof(GyreAssemblies))]
    public void MlNet_IsReferencedOnlyByTraining(string assemblyName)
    {
        var referencesMlNet = Assembly.Load(assemblyName).GetReferencedAssemblies().Any(r => r.Name!.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        Assert.Equal(assemblyName == "Gyre.Training", referencesMlNet);
    }

    [Fact]
    public void Core_HasNoPackageReferences()
    {
        var references = Assembly.Load("Gyre.Core").GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard", $"Gyre.Core references {name}."));
    }

    private static List<string> GyreReferences(string assemblyName) =>
        [.. Assembly.Load(assemblyName).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => n.StartsWith("Gyre.", StringComparison.Ordinal) || n == "gyre")];
}
