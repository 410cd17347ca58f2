using System.Collections.Frozen;

namespace Gyre.Tracking.Search;

/// <summary>The entity types of the registry searches: <c>attribute</c>, <c>attributes</c>, <c>tag</c>, <c>tags</c>, or none (an attribute).</summary>
internal static class RegistrySearchEntities
{
    private const string ValidTypes = "'attribute', 'attributes', 'tag', 'tags'";

    private static readonly FrozenDictionary<string, SearchEntity> EntityTypes = new Dictionary<string, SearchEntity>(StringComparer.Ordinal)
    {
        ["attribute"] = SearchEntity.Attribute,
        ["attributes"] = SearchEntity.Attribute,
        ["tag"] = SearchEntity.Tag,
        ["tags"] = SearchEntity.Tag,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static SearchEntity Of(SearchIdentifier identifier)
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
