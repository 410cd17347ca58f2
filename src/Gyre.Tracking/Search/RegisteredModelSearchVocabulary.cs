using System.Collections.Frozen;
using Gyre.Core;

namespace Gyre.Tracking.Search;

/// <summary>
/// Registered-models search identifiers (MLflow §7.3): entity types <c>attribute</c>, <c>attributes</c>,
/// <c>tag</c>, <c>tags</c> or none (an attribute); filter attribute <c>name</c> (string); order_by on
/// attributes <c>name</c>, <c>creation_timestamp</c>, <c>last_updated_timestamp</c> (alias <c>timestamp</c>).
/// </summary>
internal sealed class RegisteredModelSearchVocabulary : ISearchVocabulary
{
    private static readonly string[] FilterAttributes = ["name"];

    private static readonly FrozenDictionary<string, string> OrderAttributes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["creation_timestamp"] = "creation_timestamp",
        ["last_updated_timestamp"] = "last_updated_timestamp",
        ["timestamp"] = "last_updated_timestamp",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private RegisteredModelSearchVocabulary()
    {
    }

    public static RegisteredModelSearchVocabulary Instance { get; } = new();

    public SearchField ResolveFilterField(SearchIdentifier identifier)
    {
        if (RegistrySearchEntities.Of(identifier) == SearchEntity.Tag)
        {
            return SearchField.Text(SearchEntity.Tag, identifier.Key);
        }

        return identifier.Key == "name"
            ? SearchField.Text(SearchEntity.Attribute, "name")
            : throw SearchErrors.InvalidAttributeKey(identifier.Key, FilterAttributes);
    }

    public OrderTerm ResolveOrderTerm(SearchIdentifier identifier, bool ascending, string entry)
    {
        if (RegistrySearchEntities.Of(identifier) == SearchEntity.Tag)
        {
            throw GyreException.InvalidInput(
                $"Invalid order_by entity 'tag' in order_by clause '{entry}'. Registered models are ordered by attributes only: " +
                $"{string.Join(", ", OrderAttributes.Keys.Order(StringComparer.Ordinal))}.");
        }

        return OrderAttributes.TryGetValue(identifier.Key, out var key)
            ? new OrderTerm(SearchEntity.Attribute, key, ascending)
            : throw SearchErrors.InvalidAttributeKey(identifier.Key, OrderAttributes.Keys.Order(StringComparer.Ordinal));
    }
}
