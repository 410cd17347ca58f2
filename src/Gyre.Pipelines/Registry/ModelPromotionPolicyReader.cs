using System.Globalization;
using Gyre.Core;
using Gyre.Registry.Promotion;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Reads a promotion policy file:
/// <code>
/// primary_metric: auc           # required, a metric of known direction
/// min_improvement: 0.01         # absolute, >= 0, default 0
/// max_regression:               # optional map metric -> allowed absolute worsening (>= 0)
///   recall: 0.02
/// require_compatible_signature: true   # default true
/// require_significant: false    # default false; true: the bootstrap interval's lower bound must reach min_improvement
/// max_latency_ms_p95: 5         # optional, > 0: bound on the challenger's p95 single-row scoring latency
/// </code>
/// An unreadable file throws <see cref="GyreException"/> NotFound; any error in its content throws InvalidInput
/// naming the file, line and field (callers may treat those as usage errors).
/// </summary>
public static class ModelPromotionPolicyReader
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "primary_metric", "min_improvement", "max_regression", "require_compatible_signature", "require_significant", "max_latency_ms_p95",
    };

    /// <summary>Reads and validates the policy at <paramref name="path"/>.</summary>
    public static async Task<PromotionPolicy> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw GyreException.NotFound($"Cannot read promotion policy '{path}': {error.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses policy text; <paramref name="fileName"/> is used in error messages.</summary>
    public static PromotionPolicy Parse(string text, string fileName)
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

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw GyreException.InvalidInput($"{fileName}:1: the policy must be a mapping with at least 'primary_metric'.");
        }

        string? primary = null;
        double minImprovement = 0;
        var regression = new Dictionary<string, double>(StringComparer.Ordinal);
        var signature = true;
        var significant = false;
        double? maxLatency = null;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((keyNode as YamlScalarNode)?.Value) ?? string.Empty;
            if (!KnownFields.Contains(key))
            {
                throw Error(fileName, keyNode, key, $"unknown field (expected one of {string.Join(", ", KnownFields.Order(StringComparer.Ordinal))})");
            }

            switch (key)
            {
                case "primary_metric":
                    primary = Metric(fileName, valueNode, key);
                    break;
                case "min_improvement":
                    minImprovement = NonNegative(fileName, valueNode, key);
                    break;
                case "require_compatible_signature":
                    signature = Boolean(fileName, valueNode, key);
                    break;
                case "require_significant":
                    significant = Boolean(fileName, valueNode, key);
                    break;
                case "max_latency_ms_p95":
                    maxLatency = Positive(fileName, valueNode, key);
                    break;
                default:
                    if (valueNode is not YamlMappingNode map)
                    {
                        throw Error(fileName, valueNode, key, "expected a mapping of metric: allowed regression");
                    }

                    foreach (var (metricNode, epsilonNode) in map.Children)
                    {
                        var metric = Metric(fileName, metricNode, key);
                        regression[metric] = NonNegative(fileName, epsilonNode, $"{key}.{metric}");
                    }

                    break;
            }
        }

        if (primary is null)
        {
            throw GyreException.InvalidInput($"{fileName}:{root.Start.Line}: field 'primary_metric' is required.");
        }

        return new PromotionPolicy(primary, minImprovement, regression, signature)
        {
            RequireSignificant = significant,
            MaxLatencyMsP95 = maxLatency,
        };
    }

    private static bool Boolean(string fileName, YamlNode node, string field) => Scalar(fileName, node, field) switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var other => throw Error(fileName, node, field, $"expected true or false, got '{other}'"),
    };

    private static double Positive(string fileName, YamlNode node, string field)
    {
        var text = Scalar(fileName, node, field);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw Error(fileName, node, field, $"expected a positive number of milliseconds, got '{text}'");
    }

    private static string Metric(string fileName, YamlNode node, string field)
    {
        var metric = Scalar(fileName, node, field);
        return MetricDirections.IsKnown(metric)
            ? metric
            : throw Error(fileName, node, field, $"unknown metric '{metric}' (its direction is not known)");
    }

    private static double NonNegative(string fileName, YamlNode node, string field)
    {
        var text = Scalar(fileName, node, field);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw Error(fileName, node, field, $"expected a non-negative number, got '{text}'");
    }

    private static string Scalar(string fileName, YamlNode node, string field) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(fileName, node, field, "expected a value");

    private static GyreException Error(string fileName, YamlNode node, string field, string problem) =>
        GyreException.InvalidInput($"{fileName}:{node.Start.Line}:{node.Start.Column}: field '{field}': {problem}.");
}
