using System.Collections.Frozen;
using Gyre.Core;

namespace Gyre.Tracking.Search;

/// <summary>
/// Experiments search identifiers, as MLflow's <c>SearchExperimentsUtils</c>: entity types <c>attribute</c>,
/// <c>attributes</c> (MLflow's docs use it), <c>tag</c>, <c>tags</c>; attributes <c>name</c> (string) and
/// <c>creation_time</c>, <c>last_update_time</c> (numbers); order_by on attributes only, adding <c>experiment_id</c>.
/// </summary>
internal sealed class ExperimentSearchVocabulary : ISearchVocabulary
{
    private const string ValidTypes = "'attribute', 'attributes', 'tag', 'tags'";

    private static readonly FrozenDictionary<string, SearchEntity> EntityTypes = new Dictionary<string, SearchEntity>(StringComparer.Ordinal)
    {
        ["attribute"] = SearchEntity.Attribute,
        ["attributes"] = SearchEntity.Attribute,
        ["tag"] = SearchEntity.Tag,
        ["tags"] = SearchEntity.Tag,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] FilterAttributes = ["name", "creation_time", "last_update_time"];

    private static readonly string[] OrderAttributes = ["name", "experiment_id", "creation_time", "last_update_time"];

    private ExperimentSearchVocabulary()
    {
    }

    public static ExperimentSearchVocabulary Instance { get; } = new();

    public SearchField ResolveFilterField(SearchIdentifier identifier)
    {
        if (EntityOf(identifier) == SearchEntity.Tag)
        {
            return SearchField.Text(SearchEntity.Tag, identifier.Key);
        }

        return identifier.Key switch
        {
            "name" => SearchField.Text(SearchEntity.Attribute, "name"),
            "creation_time" or "last_update_time" => SearchField.Numeric(SearchEntity.Attribute, identifier.Key),
            _ => throw SearchErrors.InvalidAttributeKey(identifier.Key, FilterAttributes),
        };
    }

    public OrderTerm ResolveOrderTerm(SearchIdentifier identifier, bool ascending, string entry)
    {
        if (EntityOf(identifier) == SearchEntity.Tag)
        {
            throw GyreException.InvalidInput(
                $"Invalid order_by entity 'tag' in order_by clause '{entry}'. Experiments are ordered by attributes only: " +
                $"{string.Join(", ", OrderAttributes)}.");
        }

        return OrderAttributes.Contains(identifier.Key, StringComparer.Ordinal)
            ? new OrderTerm(SearchEntity.Attribute, identifier.Key, ascending)
            : throw SearchErrors.InvalidAttributeKey(identifier.Key, OrderAttributes);
    }

    private static SearchEntity EntityOf(SearchIdentifier identifier)
    {
        if (identifier.Type is null)
        {
            return SearchEntity.Attribute;
        }

        return EntityTypes.TryGetValue(identifier.Type, out var entity)
            ? entity
            : throw SearchErrors.InvalidEntityType(identifier.Type, ValidTypes);
    }
}
