using YamlDotNet.Serialization;

namespace Gyre.Serving.Deploy;

/// <summary>Turns manifest objects (nested dictionaries and lists, in the order written) into YAML documents.</summary>
public static class ManifestYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    /// <summary>One YAML document.</summary>
    public static string Document(IReadOnlyDictionary<string, object?> manifest) => Serializer.Serialize(manifest).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Several documents in one file, separated by <c>---</c>.</summary>
    public static string Documents(IEnumerable<IReadOnlyDictionary<string, object?>> manifests) =>
        string.Join("---\n", manifests.Select(Document));
}
