using System.Globalization;
using Gyre.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gyre.Training.Specs;

/// <summary>
/// Typed reads of YAML nodes for spec readers (training and tuning specs): every error is InvalidInput
/// "SOURCE line L, column C: message" naming the field. Stateless apart from the source name.
/// </summary>
public class YamlFields(string source)
{
    public string Source { get; } = source;

    /// <summary>
    /// Parses <paramref name="yamlText"/> and returns its root mapping. InvalidInput "SOURCE line L, column C: invalid
    /// YAML: ..." for a syntax error, and "SOURCE: <paramref name="expected"/>" when there is no root mapping.
    /// </summary>
    public YamlMappingNode LoadRoot(string yamlText, string expected)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException ex)
        {
            throw GyreException.InvalidInput($"{Source} line {ex.Start.Line}, column {ex.Start.Column}: invalid YAML: {ex.Message}");
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw GyreException.InvalidInput($"{Source}: {expected}");
    }

    public Dictionary<string, (YamlNode Key, YamlNode Value)> Entries(YamlNode node, string[] allowed, string where)
    {
        var mapping = node as YamlMappingNode ?? throw Fail(node, $"'{where}' must be a mapping of keys to values.");
        var result = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = Text(keyNode, $"a key of {where}");
            if (!allowed.Contains(key))
            {
                throw Fail(keyNode, $"unknown key '{key}' in {where}; valid keys are: {string.Join(", ", allowed)}.");
            }

            result[key] = (keyNode, valueNode);
        }

        return result;
    }

    public string Text(YamlNode node, string key) => node is YamlScalarNode { Value: { } value }
        ? value
        : throw Fail(node, $"'{key}' must be a single value.");

    public YamlMappingNode Mapping(YamlNode node, string key) =>
        node as YamlMappingNode ?? throw Fail(node, $"'{key}' must be a mapping of keys to values.");

    /// <summary>A list, or one value as a list of one; <paramref name="expected"/> describes it in the error.</summary>
    public List<string> TextList(YamlNode node, string key, string expected = "a list") => node switch
    {
        YamlSequenceNode sequence => [.. sequence.Children.Select(n => Text(n, key))],
        YamlScalarNode => [Text(node, key)],
        _ => throw Fail(node, $"'{key}' must be {expected}."),
    };

    public int WholeNumber(YamlNode node, string key, int min, int max)
    {
        var text = Text(node, key);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Fail(node, $"'{key}' must be an integer in [{min}, {max}]; got '{text}'.");
    }

    public double Number(YamlNode node, string key)
    {
        var text = Text(node, key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Fail(node, $"'{key}' must be a number; got '{text}'.");
    }

    public bool Bool(YamlNode node, string key) => Text(node, key).ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "ON" => true,
        "FALSE" or "NO" or "OFF" => false,
        _ => throw Fail(node, $"'{key}' must be true or false; got '{Text(node, key)}'."),
    };

    public T OneOf<T>(YamlNode node, string key, IReadOnlyDictionary<string, T> names)
    {
        var text = Text(node, key);
        return names.TryGetValue(text.ToLowerInvariant(), out var value)
            ? value
            : throw Fail(node, $"'{key}' must be one of {string.Join(", ", names.Keys)}; got '{text}'.");
    }

    /// <summary>Runs <paramref name="check"/>, turning its InvalidInput into one located at <paramref name="node"/> (its message as is).</summary>
    public T Checked<T>(YamlNode node, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (GyreException ex) when (ex.Kind == ErrorKind.InvalidInput)
        {
            throw Fail(node, ex.Message);
        }
    }

    /// <summary>Runs <paramref name="check"/>, turning its InvalidInput into one located at <paramref name="node"/> and naming <paramref name="key"/>.</summary>
    public T Checked<T>(YamlNode node, string key, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (GyreException ex) when (ex.Kind == ErrorKind.InvalidInput)
        {
            throw Fail(node, $"'{key}': {ex.Message}");
        }
    }

    public GyreException Fail(YamlNode node, string message) =>
        GyreException.InvalidInput($"{Source} line {node.Start.Line}, column {node.Start.Column}: {message}");
}
