using System.Globalization;
using System.Text.RegularExpressions;
using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// MLflow's input limits (mlflow/utils/validation.py), shared by every <see cref="ITrackingStore"/> backend so
/// they all accept and refuse the same inputs with the same messages. Every method throws
/// <see cref="GyreException"/> with <see cref="ErrorKind.InvalidInput"/> naming the field at fault
/// (e.g. <c>metrics[3].key</c>). Thread-safe (stateless).
/// </summary>
public static partial class TrackingValidation
{
    public const int MaxKeyLength = 250;
    public const int MaxParamValueLength = 6000;
    public const int MaxRunTagValueLength = 8000;
    public const int MaxExperimentTagValueLength = 5000;
    public const int MaxExperimentNameLength = 500;
    public const int MaxMetricsPerBatch = 1000;
    public const int MaxParamsPerBatch = 100;
    public const int MaxTagsPerBatch = 100;
    public const int MaxEntitiesPerBatch = 1000;
    public const int MaxSearchResults = 50000;
    public const int MaxDatasetNameLength = 500;

    /// <summary>Gyre digests are SHA-256 hex (64 characters); MLflow's own limit is 36.</summary>
    public const int MaxDatasetDigestLength = 64;
    public const int MaxDatasetSourceLength = 65535;
    public const int MaxDatasetSchemaLength = (1 << 20) - 1;
    public const int MaxDatasetProfileLength = (1 << 24) - 1;
    public const int MaxInputTagKeyLength = 255;
    public const int MaxInputTagValueLength = 500;

    /// <summary>Checks a LogBatch request: batch sizes, keys, value lengths, metric timestamps, duplicate param keys.</summary>
    public static void ValidateBatch(IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        CheckBatchCount(metrics.Count, MaxMetricsPerBatch, "metrics");
        CheckBatchCount(parameters.Count, MaxParamsPerBatch, "params");
        CheckBatchCount(tags.Count, MaxTagsPerBatch, "tags");
        var total = metrics.Count + parameters.Count + tags.Count;
        if (total > MaxEntitiesPerBatch)
        {
            throw GyreException.InvalidInput(
                $"A batch logging request can contain at most {MaxEntitiesPerBatch} metrics, params, and tags in total. " +
                $"Got {total} entities. Please split up the data across multiple requests and try again.");
        }

        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i] ?? throw GyreException.InvalidInput($"Missing value for 'metrics[{i}]'.");
            ValidateKey(metric.Key, "metric", $"metrics[{i}].key");
            if (metric.Timestamp < 0)
            {
                throw GyreException.InvalidInput(
                    $"Invalid value {metric.Timestamp} for 'metrics[{i}].timestamp': a timestamp is Unix milliseconds and must not be negative.");
            }
        }

        var seenParams = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var param = parameters[i] ?? throw GyreException.InvalidInput($"Missing value for 'params[{i}]'.");
            ValidateKey(param.Key, "param", $"params[{i}].key");
            CheckPresent(param.Value, $"params[{i}].value");
            CheckValue(param.Value, MaxParamValueLength, $"params[{i}].value");
            if (!seenParams.Add(param.Key))
            {
                duplicates.Add(param.Key);
            }
        }

        if (duplicates.Count > 0)
        {
            throw GyreException.InvalidInput(
                $"Duplicate parameter keys have been submitted: [{string.Join(", ", duplicates.Select(k => $"'{k}'"))}]. " +
                "Please ensure the request contains only one param value per param key.");
        }

        ValidateRunTags(tags, "tags");
    }

    /// <summary>Checks run tag keys and values (value ≤ <see cref="MaxRunTagValueLength"/>); <paramref name="field"/> names the list in messages.</summary>
    public static void ValidateRunTags(IReadOnlyList<Tag>? tags, string field)
    {
        if (tags is null)
        {
            return;
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i] ?? throw GyreException.InvalidInput($"Missing value for '{field}[{i}]'.");
            ValidateKey(tag.Key, "tag", $"{field}[{i}].key");
            CheckPresent(tag.Value, $"{field}[{i}].value");
            CheckValue(tag.Value, MaxRunTagValueLength, $"{field}[{i}].value");
        }
    }

    /// <summary>Checks an experiment name: non-empty, at most <see cref="MaxExperimentNameLength"/> characters.</summary>
    public static void ValidateExperimentName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GyreException.InvalidInput("Invalid experiment name: 'name' must be a non-empty string.");
        }

        CheckValue(name, MaxExperimentNameLength, "name");
    }

    /// <summary>Checks experiment tags (key rules as run tags, value ≤ <see cref="MaxExperimentTagValueLength"/>).</summary>
    public static void ValidateExperimentTags(IReadOnlyList<Tag>? tags)
    {
        if (tags is null)
        {
            return;
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i] ?? throw GyreException.InvalidInput($"Missing value for 'tags[{i}]'.");
            ValidateKey(tag.Key, "tag", $"tags[{i}].key");
            CheckPresent(tag.Value, $"tags[{i}].value");
            CheckValue(tag.Value, MaxExperimentTagValueLength, $"tags[{i}].value");
        }
    }

    /// <summary>Checks dataset inputs: required fields present and MLflow's length limits.</summary>
    public static void ValidateDatasetInputs(IReadOnlyList<DatasetInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"datasets[{i}]";
            var input = inputs[i] ?? throw GyreException.InvalidInput($"Missing value for '{field}'.");
            CheckRequired(input.Name, MaxDatasetNameLength, $"{field}.name");
            CheckRequired(input.Digest, MaxDatasetDigestLength, $"{field}.digest");
            CheckRequired(input.SourceType, MaxDatasetSourceLength, $"{field}.source_type");
            CheckRequired(input.Source, MaxDatasetSourceLength, $"{field}.source");
            CheckValue(input.Schema, MaxDatasetSchemaLength, $"{field}.schema");
            CheckValue(input.Profile, MaxDatasetProfileLength, $"{field}.profile");
            var tags = input.Tags ?? [];
            for (var j = 0; j < tags.Count; j++)
            {
                var tag = tags[j] ?? throw GyreException.InvalidInput($"Missing value for '{field}.tags[{j}]'.");
                CheckRequired(tag.Key, MaxInputTagKeyLength, $"{field}.tags[{j}].key");
                CheckPresent(tag.Value, $"{field}.tags[{j}].value");
                CheckValue(tag.Value, MaxInputTagValueLength, $"{field}.tags[{j}].value");
            }
        }
    }

    /// <summary>Checks a search's page size: 1 to <see cref="MaxSearchResults"/>.</summary>
    public static void ValidateMaxResults(int maxResults)
    {
        if (maxResults is < 1 or > MaxSearchResults)
        {
            throw GyreException.InvalidInput(
                $"Invalid value {maxResults.ToString(CultureInfo.InvariantCulture)} for parameter 'max_results': it must be between 1 and {MaxSearchResults}.");
        }
    }

    /// <summary>
    /// Checks a metric, param or tag key: non-empty, ≤ <see cref="MaxKeyLength"/> characters, only
    /// alphanumerics, '_', '-', '.', ' ', ':' and '/', and no path that normalises to another name
    /// ("a/../b", "./x", "/x", "a//b", "a/").
    /// </summary>
    public static void ValidateKey(string? key, string kind, string field)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw GyreException.InvalidInput($"Missing value for required parameter '{field}'.");
        }

        CheckValue(key, MaxKeyLength, field);
        if (!KeyPattern().IsMatch(key))
        {
            throw GyreException.InvalidInput(
                $"Invalid {kind} name: '{key}' ('{field}'). Names may only contain alphanumerics, underscores (_), " +
                "dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).");
        }

        var segments = key.Split('/');
        if (segments.Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            throw GyreException.InvalidInput(
                $"Invalid {kind} name: '{key}' ('{field}'). Names may be treated as files in certain cases, and must not " +
                "resolve to other names when treated as such (no leading or doubled '/', no '.' or '..' parts).");
        }
    }

    private static void CheckBatchCount(int count, int max, string what)
    {
        if (count > max)
        {
            throw GyreException.InvalidInput(
                $"A batch logging request can contain at most {max} {what}. Got {count} {what}. " +
                $"Please split up {what} across multiple requests and try again.");
        }
    }

    private static void CheckRequired(string? value, int maxLength, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw GyreException.InvalidInput($"Missing value for required parameter '{field}'.");
        }

        CheckValue(value, maxLength, field);
    }

    private static void CheckPresent(string? value, string field)
    {
        if (value is null)
        {
            throw GyreException.InvalidInput($"Missing value for '{field}' (an empty string is allowed, null is not).");
        }
    }

    private static void CheckValue(string? value, int maxLength, string field)
    {
        if (value is not null && value.Length > maxLength)
        {
            throw GyreException.InvalidInput($"'{field}' exceeds the maximum length of {maxLength} characters");
        }
    }

    [GeneratedRegex(@"^[/\w.\- :]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
