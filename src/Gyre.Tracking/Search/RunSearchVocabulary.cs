using System.Collections.Frozen;
using Gyre.Core;

namespace Gyre.Tracking.Search;

/// <summary>
/// Runs search identifiers, as MLflow's <c>SearchUtils</c>: entity types and aliases are case-sensitive; attributes
/// are <c>run_id</c>, <c>run_name</c>, <c>status</c>, <c>user_id</c>, <c>artifact_uri</c> (strings; only
/// <c>run_id</c> takes IN lists) and <c>start_time</c>, <c>end_time</c> (numbers), with MLflow's aliases
/// <c>created</c>/<c>Created</c> and <c>run name</c>/<c>Run name</c>/<c>Run Name</c>; datasets are <c>name</c>,
/// <c>digest</c>, <c>context</c>. Datasets can be filtered on but not ordered by.
/// </summary>
internal sealed class RunSearchVocabulary : ISearchVocabulary
{
    private const string ValidTypes =
        "'metric', 'parameter', 'tag', 'attribute', 'dataset' (or metrics, parameters, param, params, tags, attributes, attr, run, datasets)";

    private static readonly FrozenDictionary<string, SearchEntity> EntityTypes = new Dictionary<string, SearchEntity>(StringComparer.Ordinal)
    {
        ["metric"] = SearchEntity.Metric,
        ["metrics"] = SearchEntity.Metric,
        ["parameter"] = SearchEntity.Param,
        ["parameters"] = SearchEntity.Param,
        ["param"] = SearchEntity.Param,
        ["params"] = SearchEntity.Param,
        ["tag"] = SearchEntity.Tag,
        ["tags"] = SearchEntity.Tag,
        ["attribute"] = SearchEntity.Attribute,
        ["attributes"] = SearchEntity.Attribute,
        ["attr"] = SearchEntity.Attribute,
        ["run"] = SearchEntity.Attribute,
        ["dataset"] = SearchEntity.Dataset,
        ["datasets"] = SearchEntity.Dataset,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every accepted attribute spelling to its canonical name, in the order messages list them.</summary>
    private static readonly FrozenDictionary<string, string> Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["run_id"] = "run_id",
        ["run_name"] = "run_name",
        ["status"] = "status",
        ["user_id"] = "user_id",
        ["artifact_uri"] = "artifact_uri",
        ["start_time"] = "start_time",
        ["end_time"] = "end_time",
        ["created"] = "start_time",
        ["Created"] = "start_time",
        ["run name"] = "run_name",
        ["Run name"] = "run_name",
        ["Run Name"] = "run_name",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] AttributeSpellings =
        ["run_id", "run_name", "status", "user_id", "artifact_uri", "start_time", "end_time", "created", "run name"];

    private static readonly string[] DatasetKeys = ["name", "digest", "context"];

    private RunSearchVocabulary()
    {
    }

    public static RunSearchVocabulary Instance { get; } = new();

    public SearchField ResolveFilterField(SearchIdentifier identifier) => EntityOf(identifier) switch
    {
        SearchEntity.Metric => SearchField.Numeric(SearchEntity.Metric, identifier.Key),
        SearchEntity.Param => SearchField.Text(SearchEntity.Param, identifier.Key),
        SearchEntity.Tag => SearchField.Text(SearchEntity.Tag, identifier.Key),
        SearchEntity.Dataset => SearchField.TextOrList(SearchEntity.Dataset, DatasetKey(identifier.Key)),
        _ => AttributeKey(identifier.Key) switch
        {
            var key when key is "start_time" or "end_time" => SearchField.Numeric(SearchEntity.Attribute, key),
            "run_id" => SearchField.TextOrList(SearchEntity.Attribute, "run_id"),
            var key => SearchField.Text(SearchEntity.Attribute, key),
        },
    };

    public OrderTerm ResolveOrderTerm(SearchIdentifier identifier, bool ascending, string entry) => EntityOf(identifier) switch
    {
        SearchEntity.Dataset => throw GyreException.InvalidInput(
            $"Invalid order_by entity type 'dataset' in order_by clause '{entry}'. Runs are ordered by attributes, metrics, params or tags."),
        SearchEntity.Attribute => new OrderTerm(SearchEntity.Attribute, AttributeKey(identifier.Key), ascending),
        var entity => new OrderTerm(entity, identifier.Key, ascending),
    };

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

    private static string AttributeKey(string key) =>
        Attributes.TryGetValue(key, out var canonical) ? canonical : throw SearchErrors.InvalidAttributeKey(key, AttributeSpellings);

    private static string DatasetKey(string key) =>
        DatasetKeys.Contains(key, StringComparer.Ordinal) ? key : throw SearchErrors.InvalidDatasetKey(key, DatasetKeys);
}
