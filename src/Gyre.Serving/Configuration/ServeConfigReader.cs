using System.Globalization;
using Gyre.Core;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Models;
using Gyre.Training.Scoring;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gyre.Serving.Configuration;

/// <summary>
/// Reads a serve configuration file (<c>gyre serve --config serve.yaml</c>):
/// <code>
/// endpoints:
///   - name: fraud                  # the URL name; default: the model's name
///     model: fraud@champion        # a registry reference (followed when it is an alias) ...
///     # package: ./models/fraud    # ... or a package folder (relative to this file)
///     canary: fraud@challenger     # optional; or canary_package: PATH
///     canary_weight: 0.1           # share of requests the canary answers, 0-1
///     shadow: fraud@shadow         # optional; or shadow_package: PATH
///     unknown_categories: reject   # reject (400) or map (scored as unknown)
///     log_sample_rate: 1.0         # share of predictions written to the inference log, 0-1
///     max_batch_size: 16           # adaptive micro-batching of concurrent single rows (1 = off, the default)
///     max_batch_wait_ms: 1         # the longest a row waits for its batch
/// </code>
/// Errors throw <see cref="GyreException"/>: NotFound for an unreadable file, InvalidInput naming the file, line and field.
/// </summary>
public static class ServeConfigReader
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "name", "model", "package", "canary", "canary_package", "canary_weight", "shadow", "shadow_package", "unknown_categories", "log_sample_rate",
        "max_batch_size", "max_batch_wait_ms",
    };

    public static async Task<IReadOnlyList<EndpointSpec>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw GyreException.NotFound($"Cannot read serve configuration '{path}': {error.Message}");
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses configuration text; relative package paths resolve against <paramref name="folder"/>.</summary>
    public static IReadOnlyList<EndpointSpec> Parse(string text, string fileName, string folder)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw GyreException.InvalidInput($"{fileName}:{error.Start.Line}:{error.Start.Column}: invalid YAML: {error.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("endpoints"), out var endpointsNode) || endpointsNode is not YamlSequenceNode endpoints)
        {
            throw GyreException.InvalidInput($"{fileName}:1: the configuration must be a mapping with an 'endpoints' list.");
        }

        var specs = new List<EndpointSpec>();
        foreach (var item in endpoints.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                throw Error(fileName, item, "endpoints", "each endpoint must be a mapping");
            }

            specs.Add(ParseEndpoint(mapping, fileName, folder));
        }

        return specs;
    }

    private static EndpointSpec ParseEndpoint(YamlMappingNode mapping, string fileName, string folder)
    {
        var values = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!KnownFields.Contains(key))
            {
                throw Error(fileName, keyNode, key, $"unknown field (expected one of {string.Join(", ", KnownFields.Order(StringComparer.Ordinal))})");
            }

            values[key] = valueNode as YamlScalarNode ?? throw Error(fileName, valueNode, key, "must be a single value");
        }

        var primary = Locator(values, "model", "package", fileName, folder, mapping)
            ?? throw Error(fileName, mapping, "model", "each endpoint needs 'model' (a registry reference) or 'package' (a folder)");
        var name = values.TryGetValue("name", out var nameNode) ? nameNode.Value ?? "" : primary.Reference?.Name
            ?? throw Error(fileName, mapping, "name", "an endpoint serving a package needs a name");
        var spec = new EndpointSpec(name, primary)
        {
            Canary = Locator(values, "canary", "canary_package", fileName, folder, mapping),
            CanaryWeight = Number(values, "canary_weight", fileName, 0),
            Shadow = Locator(values, "shadow", "shadow_package", fileName, folder, mapping),
            UnknownCategories = values.TryGetValue("unknown_categories", out var policy) ? Policy(policy, fileName) : UnknownCategoryPolicy.Reject,
            LogSampleRate = Number(values, "log_sample_rate", fileName, 1),
            MaxBatchSize = values.TryGetValue("max_batch_size", out var batch) ? Integer(batch, "max_batch_size", fileName, 1, 10_000) : 1,
            MaxBatchWait = values.TryGetValue("max_batch_wait_ms", out var wait) ? TimeSpan.FromMilliseconds(Integer(wait, "max_batch_wait_ms", fileName, 0, 10_000)) : TimeSpan.FromMilliseconds(1),
        };
        try
        {
            spec.Validate();
        }
        catch (GyreException error)
        {
            throw GyreException.InvalidInput($"{fileName}:{mapping.Start.Line}: {error.Message}");
        }

        return spec;
    }

    /// <summary>Parses an <c>--unknown-categories</c> value: reject or map.</summary>
    public static UnknownCategoryPolicy ParsePolicy(string value) => value switch
    {
        "reject" => UnknownCategoryPolicy.Reject,
        "map" => UnknownCategoryPolicy.MapToUnknown,
        _ => throw GyreException.InvalidInput($"Invalid unknown-categories policy '{value}': use reject or map."),
    };

    private static UnknownCategoryPolicy Policy(YamlScalarNode node, string fileName)
    {
        try
        {
            return ParsePolicy(node.Value ?? "");
        }
        catch (GyreException error)
        {
            throw Error(fileName, node, "unknown_categories", error.Message);
        }
    }

    private static ModelLocator? Locator(Dictionary<string, YamlScalarNode> values, string referenceKey, string packageKey, string fileName, string folder, YamlNode owner)
    {
        var hasReference = values.TryGetValue(referenceKey, out var reference);
        var hasPackage = values.TryGetValue(packageKey, out var package);
        if (hasReference && hasPackage)
        {
            throw Error(fileName, owner, referenceKey, $"give '{referenceKey}' or '{packageKey}', not both");
        }

        try
        {
            return hasReference ? ModelLocator.Registered(reference!.Value ?? "")
                : hasPackage ? ModelLocator.Package(Path.GetFullPath(package!.Value ?? "", folder))
                : null;
        }
        catch (GyreException error)
        {
            throw Error(fileName, hasReference ? reference! : package!, hasReference ? referenceKey : packageKey, error.Message);
        }
    }

    private static double Number(Dictionary<string, YamlScalarNode> values, string key, string fileName, double fallback)
    {
        if (!values.TryGetValue(key, out var node))
        {
            return fallback;
        }

        return double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw Error(fileName, node, key, $"'{node.Value}' must be a number between 0 and 1");
    }

    private static int Integer(YamlScalarNode node, string key, string fileName, int min, int max) =>
        int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(fileName, node, key, $"'{node.Value}' must be a whole number from {min} to {max}");

    private static GyreException Error(string fileName, YamlNode node, string field, string problem) =>
        GyreException.InvalidInput($"{fileName}:{node.Start.Line}:{node.Start.Column}: {field}: {problem}.");
}
