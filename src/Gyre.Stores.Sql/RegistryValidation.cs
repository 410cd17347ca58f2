using System.Globalization;
using System.Text.RegularExpressions;
using Gyre.Core;
using Gyre.Registry;

namespace Gyre.Stores.Sql;

/// <summary>The registry's input checks (MLflow's limits, reference §8); each throws InvalidInput naming the parameter.</summary>
internal static partial class RegistryValidation
{
    public const int MaxTagKeyLength = 250;
    public const int MaxTagValueLength = 5000;
    public const int MaxAliasLength = 255;
    public const int MaxModelSearchResults = 1000;
    public const int MaxVersionSearchResults = 200_000;

    public static void ValidateModelName(string? name, string parameter = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GyreException.InvalidInput($"Registered model name cannot be empty (parameter '{parameter}').");
        }
    }

    public static void ValidateVersion(int version)
    {
        if (version <= 0)
        {
            throw GyreException.InvalidInput($"Invalid value '{version}' for parameter 'version': model versions count from 1.");
        }
    }

    public static void ValidateTag(ModelTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (string.IsNullOrEmpty(tag.Key))
        {
            throw GyreException.InvalidInput("Missing value for required parameter 'key': a tag key must not be empty.");
        }

        if (tag.Key.Length > MaxTagKeyLength)
        {
            throw GyreException.InvalidInput($"'key' exceeds the maximum length of {MaxTagKeyLength} characters (tag '{tag.Key[..20]}...').");
        }

        if ((tag.Value ?? "").Length > MaxTagValueLength)
        {
            throw GyreException.InvalidInput($"'value' exceeds the maximum length of {MaxTagValueLength} characters (tag '{tag.Key}').");
        }
    }

    /// <summary>Checks an alias to set: ≤255 characters of <c>[\w-]</c>, not <c>latest</c> (any case) nor <c>v&lt;digits&gt;</c>.</summary>
    public static void ValidateAlias(string? alias)
    {
        if (string.IsNullOrEmpty(alias))
        {
            throw GyreException.InvalidInput("Missing value for required parameter 'alias'.");
        }

        if (alias.Length > MaxAliasLength)
        {
            throw GyreException.InvalidInput($"'alias' exceeds the maximum length of {MaxAliasLength} characters.");
        }

        if (!AliasPattern().IsMatch(alias))
        {
            throw GyreException.InvalidInput($"Invalid alias name: '{alias}'. Names may only contain alphanumerics, underscores (_) and dashes (-).");
        }

        if (string.Equals(alias, "latest", StringComparison.OrdinalIgnoreCase) || VersionAliasPattern().IsMatch(alias))
        {
            throw GyreException.InvalidInput(
                $"'{alias}' alias name (case insensitive) is reserved: 'latest' and 'v<number>' name versions already.");
        }
    }

    /// <summary>The canonical spelling of a legacy stage given in any case.</summary>
    public static string CanonicalStage(string? stage) =>
        ModelStages.All.FirstOrDefault(s => string.Equals(s, stage?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw GyreException.InvalidInput(
            $"Invalid Model Version stage: {stage}. Value must be one of {string.Join(", ", ModelStages.All)}.");

    public static void ValidateMaxResults(int maxResults, int limit)
    {
        if (maxResults < 1 || maxResults > limit)
        {
            throw GyreException.InvalidInput(
                $"Invalid value {maxResults.ToString(CultureInfo.InvariantCulture)} for parameter 'max_results' supplied. It must be between 1 and {limit.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    [GeneratedRegex(@"^[\w\-]*\z")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^[vV]\d+\z")]
    private static partial Regex VersionAliasPattern();
}
