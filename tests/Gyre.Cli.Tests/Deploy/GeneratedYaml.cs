using YamlDotNet.RepresentationModel;

namespace Gyre.Cli.Tests.Deploy;

/// <summary>Parses generated manifests with YamlDotNet and walks them by key and index.</summary>
public static class GeneratedYaml
{
    /// <summary>Every document of every .yaml file in <paramref name="folder"/>; each must parse and carry apiVersion and kind.</summary>
    public static List<YamlMappingNode> Documents(string folder)
    {
        var documents = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(file)))
            {
                stream.Load(reader);
            }

            Assert.NotEmpty(stream.Documents);
            foreach (var document in stream.Documents)
            {
                var root = Assert.IsType<YamlMappingNode>(document.RootNode);
                Assert.False(string.IsNullOrEmpty(Text(root, "apiVersion")), $"{file}: no apiVersion");
                Assert.False(string.IsNullOrEmpty(Text(root, "kind")), $"{file}: no kind");
                documents.Add(root);
            }
        }

        return documents;
    }

    /// <summary>The one document of <paramref name="kind"/>.</summary>
    public static YamlMappingNode OfKind(IEnumerable<YamlMappingNode> documents, string kind) =>
        Assert.Single(documents, d => Text(d, "kind") == kind);

    /// <summary>The node at <paramref name="path"/>: strings are mapping keys, ints sequence indexes.</summary>
    public static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string key => Assert.IsType<YamlMappingNode>(node).Children[new YamlScalarNode(key)],
                int index => Assert.IsType<YamlSequenceNode>(node).Children[index],
                _ => throw new ArgumentException($"Bad path step {step}."),
            };
        }

        return node;
    }

    /// <summary>The scalar at <paramref name="path"/>.</summary>
    public static string Text(YamlNode node, params object[] path) => Assert.IsType<YamlScalarNode>(At(node, path)).Value!;

    /// <summary>The integer scalar at <paramref name="path"/>.</summary>
    public static int Number(YamlNode node, params object[] path) => int.Parse(Text(node, path), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A mapping of scalars as a dictionary (e.g. labels).</summary>
    public static Dictionary<string, string> Map(YamlNode node, params object[] path) =>
        Assert.IsType<YamlMappingNode>(At(node, path)).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);

    /// <summary>A sequence of scalars.</summary>
    public static List<string> List(YamlNode node, params object[] path) =>
        [.. Assert.IsType<YamlSequenceNode>(At(node, path)).Children.Select(c => ((YamlScalarNode)c).Value!)];
}
