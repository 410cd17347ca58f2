using System.Collections.Frozen;
using Gyre.Core;

namespace Gyre.Tracking.Search;

/// <summary>
/// Model-versions search identifiers (MLflow §7.4): entity types as for registered models; filter attributes
/// <c>name</c>, <c>source_path</c> (strings), <c>run_id</c> (string or IN / NOT IN list) and
/// <c>version_number</c> (number); order_by on attributes <c>name</c>, <c>version_number</c>,
/// <c>creation_timestamp</c>, <c>last_updated_timestamp</c> (alias <c>timestamp</c>).
/// </summary>
internal sealed class ModelVersionSearchVocabulary : ISearchVocabulary
{
    private static readonly string[] FilterAttributes = ["name", "version_number", "run_id", "source_path"];

    private static readonly FrozenDictionary<string, string> OrderAttributes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["version_number"] = "version_number",
        ["creation_timestamp"] = "creation_timestamp",
        ["last_updated_timestamp"] = "last_updated_timestamp",
        ["timestamp"] = "last_updated_timestamp",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private ModelVersionSearchVocabulary()
    {
    }

    public static ModelVersionSearchVocabulary Instance { get; } = new();

    public SearchField ResolveFilterField(SearchIdentifier identifier)
    {
        if (RegistrySearchEntities.Of(identifier) == SearchEntity.Tag)
        {
            return SearchField.Text(SearchEntity.Tag, identifier.Key);
        }

        return identifier.Key switch
        {
            "name" or "source_path" => SearchField.Text(SearchEntity.Attribute, identifier.Key),
            "run_id" => SearchField.TextOrList(SearchEntity.Attribute, "run_id"),
            "version_number" => SearchField.Numeric(SearchEntity.Attribute, "version_number"),
            _ => throw SearchErrors.InvalidAttributeKey(identifier.Key, FilterAttributes),
        };
    }

    public OrderTerm ResolveOrderTerm(SearchIdentifier identifier, bool ascending, string entry)
    {
        if (RegistrySearchEntities.Of(identifier) == SearchEntity.Tag)
        {
            throw GyreException.InvalidInput(
                $"Invalid order_by entity 'tag' in order_by clause '{entry}'. Model versions are ordered by attributes only: " +
                $"{string.Join(", ", OrderAttributes.Keys.Order(StringComparer.Ordinal))}.");
        }

        return OrderAttributes.TryGetValue(identifier.Key, out var key)
            ? new OrderTerm(SearchEntity.Attribute, key, ascending)
            : throw SearchErrors.InvalidAttributeKey(identifier.Key, OrderAttributes.Keys.Order(StringComparer.Ordinal));
    }
}
