using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Tracking.Tests.Search;

public sealed class RunSearchSyntaxFilterTests
{
    /// <summary>Mirrors MLflow tests/utils/test_search_utils.py::test_filter (the rows MLflow 2.x accepts).</summary>
    public static readonly TheoryData<string, string[]> MlflowValidFilters = new()
    {
        { "metric.acc >= 0.94", ["Metric|acc|GreaterOrEqual|num:0.94"] },
        { "metric.acc>=100", ["Metric|acc|GreaterOrEqual|num:100"] },
        { "params.m!='tf'", ["Param|m|NotEqual|str:tf"] },
        { "params.\"m\"!=\"tf\"", ["Param|m|NotEqual|str:tf"] },
        { "metric.\"legit name\" >= 0.243", ["Metric|legit name|GreaterOrEqual|num:0.243"] },
        { "metrics.XYZ = 3", ["Metric|XYZ|Equal|num:3"] },
        { "params.\"cat dog\" = \"pets\"", ["Param|cat dog|Equal|str:pets"] },
        { "metrics.\"X-Y-Z\" = 3", ["Metric|X-Y-Z|Equal|num:3"] },
        { "metrics.\"X//Y#$$@&Z\" = 3", ["Metric|X//Y#$$@&Z|Equal|num:3"] },
        { "params.model = 'LinearRegression'", ["Param|model|Equal|str:LinearRegression"] },
        { "metrics.rmse < 1 and params.model_class = 'LR'", ["Metric|rmse|Less|num:1", "Param|model_class|Equal|str:LR"] },
        { "`metric`.a >= 0.1", ["Metric|a|GreaterOrEqual|num:0.1"] },
        { "tags.version = 'commit-hash'", ["Tag|version|Equal|str:commit-hash"] },
        { "`tags`.source_name = 'a notebook'", ["Tag|source_name|Equal|str:a notebook"] },
        { "metrics.\"accuracy.2.0\" > 5", ["Metric|accuracy.2.0|Greater|num:5"] },
        { "metrics.`spacey name` > 5", ["Metric|spacey name|Greater|num:5"] },
        { "params.\"p.a.r.a.m\" != \"a\"", ["Param|p.a.r.a.m|NotEqual|str:a"] },
        { "tags.\"t.a.g\" = \"a\"", ["Tag|t.a.g|Equal|str:a"] },
        { "attribute.artifact_uri = '1/23/4'", ["Attribute|artifact_uri|Equal|str:1/23/4"] },
        { "attribute.start_time >= 1234", ["Attribute|start_time|GreaterOrEqual|num:1234"] },
        { "run.status = 'RUNNING'", ["Attribute|status|Equal|str:RUNNING"] },
        { "dataset.name = 'my_dataset'", ["Dataset|name|Equal|str:my_dataset"] },
    };

    /// <summary>
    /// Mirrors test_correct_quote_trimming, the filters of test_correct_filtering, test_filter_runs_by_start_time,
    /// test_filter_runs_by_user_id and test_filter_runs_by_end_time (parse side only).
    /// </summary>
    public static readonly TheoryData<string, string[]> MlflowFilteringFilters = new()
    {
        { "params.m = 'LR'", ["Param|m|Equal|str:LR"] },
        { "params.m = \"LR\"", ["Param|m|Equal|str:LR"] },
        { "params.m = \"L'Hosp\"", ["Param|m|Equal|str:L'Hosp"] },
        { "attributes.status = 'FAILED'", ["Attribute|status|Equal|str:FAILED"] },
        { "metrics.key1 != 123", ["Metric|key1|NotEqual|num:123"] },
        { "tags.tag1 != 'D'", ["Tag|tag1|NotEqual|str:D"] },
        { "params.my_param = 'A' AND attributes.status = 'FAILED'", ["Param|my_param|Equal|str:A", "Attribute|status|Equal|str:FAILED"] },
        { "datasets.name IN ('name1', 'name2')", ["Dataset|name|In|list:name1,name2"] },
        { "datasets.digest IN ('digest1', 'digest2')", ["Dataset|digest|In|list:digest1,digest2"] },
        { "datasets.name = 'name1' AND datasets.digest = 'digest2'", ["Dataset|name|Equal|str:name1", "Dataset|digest|Equal|str:digest2"] },
        { "datasets.context = 'train'", ["Dataset|context|Equal|str:train"] },
        { "attribute.start_time > 1", ["Attribute|start_time|Greater|num:1"] },
        { "attribute.end_time = 2", ["Attribute|end_time|Equal|num:2"] },
        { "attribute.user_id = 'user-id2'", ["Attribute|user_id|Equal|str:user-id2"] },
    };

    /// <summary>Gyre's reading of what MLflow leaves implicit: aliases, keyword case, unquoted dotted keys, numbers, escapes, lists.</summary>
    public static readonly TheoryData<string, string[]> GyreValidFilters = new()
    {
        // Attribute aliases canonicalise (MLflow's translate_key_alias); bare keys are attributes.
        { "created > 5", ["Attribute|start_time|Greater|num:5"] },
        { "attributes.Created <= 5", ["Attribute|start_time|LessOrEqual|num:5"] },
        { "attributes.\"run name\" = 'x'", ["Attribute|run_name|Equal|str:x"] },
        { "`Run Name` LIKE 'x%'", ["Attribute|run_name|Like|str:x%"] },
        { "run_name ILIKE '%Foo%'", ["Attribute|run_name|ILike|str:%Foo%"] },
        { "attr.user_id = 'alice'", ["Attribute|user_id|Equal|str:alice"] },
        { "status != 'KILLED'", ["Attribute|status|NotEqual|str:KILLED"] },
        { "parameter.a = 'x' AND parameters.b = 'y' AND param.c = 'z'", ["Param|a|Equal|str:x", "Param|b|Equal|str:y", "Param|c|Equal|str:z"] },
        { "tag.t = 'x' AND dataset.digest != 'd'", ["Tag|t|Equal|str:x", "Dataset|digest|NotEqual|str:d"] },

        // Keywords are case-insensitive; the comparator spelling does not matter.
        { "params.p like 'a%' And tags.t ilike 'B%' aNd metrics.m <= 2", ["Param|p|Like|str:a%", "Tag|t|ILike|str:B%", "Metric|m|LessOrEqual|num:2"] },
        { "metrics.a>1 AND metrics.b<2", ["Metric|a|Greater|num:1", "Metric|b|Less|num:2"] },

        // The first dot ends the type, so unquoted keys may hold dots, as MLflow's identifier.split(".", 1).
        { "tags.mlflow.runName = 'bold-fox'", ["Tag|mlflow.runName|Equal|str:bold-fox"] },
        { "params.optimizer.lr = '0.1'", ["Param|optimizer.lr|Equal|str:0.1"] },
        { "metrics.2nd_pass > 0", ["Metric|2nd_pass|Greater|num:0"] },
        { "tags.and = 'x' AND tags.in = 'y'", ["Tag|and|Equal|str:x", "Tag|in|Equal|str:y"] },
        { "metrics.'prediction accuracy' >= 0.945", ["Metric|prediction accuracy|GreaterOrEqual|num:0.945"] },
        { "metrics.größe > 1", ["Metric|größe|Greater|num:1"] },

        // Numbers: sign, fraction, exponent.
        { "metrics.a > -1", ["Metric|a|Greater|num:-1"] },
        { "metrics.a >= +2.5", ["Metric|a|GreaterOrEqual|num:2.5"] },
        { "metrics.a < 1e-3", ["Metric|a|Less|num:0.001"] },
        { "metrics.a < 1.5E+2", ["Metric|a|Less|num:150"] },
        { "metrics.a = .5 AND metrics.b = 5.", ["Metric|a|Equal|num:0.5", "Metric|b|Equal|num:5"] },
        { "end_time <= 1700000000000", ["Attribute|end_time|LessOrEqual|num:1700000000000"] },

        // Escapes: a doubled or backslashed quote is one quote; \\ is one backslash; other backslashes are literal.
        { "params.p = 'it''s'", ["Param|p|Equal|str:it's"] },
        { "params.p = 'it\\'s'", ["Param|p|Equal|str:it's"] },
        { "params.p = \"say \"\"hi\"\"\"", ["Param|p|Equal|str:say \"hi\""] },
        { "params.p = 'C:\\data\\x'", ["Param|p|Equal|str:C:\\data\\x"] },
        { "params.p = 'a\\\\'", ["Param|p|Equal|str:a\\"] },
        { "tags.`a``b` = ''", ["Tag|a`b|Equal|str:"] },
        { "params.p = 'AND x = 1'", ["Param|p|Equal|str:AND x = 1"] },

        // IN / NOT IN lists for run_id and datasets; single or double quotes, any spacing.
        { "attributes.run_id IN ('a','b')", ["Attribute|run_id|In|list:a,b"] },
        { "run_id in ( 'abc' )", ["Attribute|run_id|In|list:abc"] },
        { "run_id NOT IN ('a', \"b\", 'c')", ["Attribute|run_id|NotIn|list:a,b,c"] },
        { "datasets.context not in ('train') AND metrics.a = 1", ["Dataset|context|NotIn|list:train", "Metric|a|Equal|num:1"] },
    };

    /// <summary>Mirrors test_error_filter (rows without IS NULL).</summary>
    public static readonly TheoryData<string, string> MlflowErrorFilters = new()
    {
        { "metric.acc >= 0.94; metrics.rmse < 1", "Search filter contained multiple expression 'metric.acc >= 0.94; metrics.rmse < 1'" },
        { "m.acc >= 0.94", "Invalid entity type 'm'" },
        { "acc >= 0.94", "Invalid attribute key 'acc'" },
        { "p.model >= 'LR'", "Invalid entity type 'p'" },
        { "attri.x != 1", "Invalid entity type 'attri'" },
        { "a.x != 1", "Invalid entity type 'a'" },
        { "model >= 'LR'", "Invalid attribute key 'model'" },
        { "metrics.A > 0.1 OR params.B = 'LR'", "Invalid clause(s) in filter string: 'metrics.A > 0.1 OR params.B = 'LR''" },
        { "metrics.A > 0.1 NAND params.B = 'LR'", "Invalid clause(s) in filter string: 'metrics.A > 0.1 NAND params.B = 'LR''" },
        { "metrics.A > 0.1 AND (params.B = 'LR')", "Invalid clause(s) in filter string: '(params.B = 'LR')'" },
        { "`metrics.A > 0.1", "Invalid clause(s) in filter string: '`metrics.A > 0.1'" },
        { "param`.A > 0.1", "Invalid clause(s) in filter string: 'param`.A > 0.1'" },
        { "`dummy.A > 0.1", "Invalid clause(s) in filter string: '`dummy.A > 0.1'" },
        { "dummy`.A > 0.1", "Invalid clause(s) in filter string: 'dummy`.A > 0.1'" },
        { "attribute.start != 1", "Invalid attribute key 'start'" },
        { "attribute.experiment_id != 1", "Invalid attribute key 'experiment_id'" },
        { "attribute.lifecycle_stage = 'ACTIVE'", "Invalid attribute key 'lifecycle_stage'" },
        { "attribute.name != 1", "Invalid attribute key 'name'" },
        { "attribute.time != 1", "Invalid attribute key 'time'" },
        { "attribute._status != 'RUNNING'", "Invalid attribute key '_status'" },
        // MLflow's sqlparse sees `true` as a keyword and reports an invalid clause; Gyre names the unquoted value.
        { "attribute.status = true", "not quoted or unidentified quote types used for string value true of attribute 'status'" },
        { "dataset.status = 'true'", "Invalid dataset key 'status'" },
        { "dataset.profile = 'num_rows: 10'", "Invalid dataset key 'profile'" },
        // IS NULL / IS NOT NULL arrived in MLflow 3.x; a 2.x server rejects them.
        { "tags.version IS NULL", "Invalid clause(s) in filter string: 'tags.version IS NULL'" },
        { "params.lr IS NOT NULL", "Invalid clause(s) in filter string: 'params.lr IS NOT NULL'" },
    };

    /// <summary>Mirrors test_error_comparison_clauses, test_bad_quotes and test_invalid_clauses.</summary>
    public static readonly TheoryData<string, string> MlflowBadClauses = new()
    {
        { "metric.model = 'LR'", "Expected numeric value type for metric 'model'. Found 'LR'" },
        { "metric.model = '5'", "Expected numeric value type for metric 'model'. Found '5'" },
        { "params.acc = 5", "Expected a quoted string value for parameter 'acc' (e.g. 'my-value'). Got value 5" },
        { "tags.acc = 5", "Expected a quoted string value for tag 'acc' (e.g. 'my-value'). Got value 5" },
        { "metrics.acc != metrics.acc", "Expected numeric value type for metric 'acc'. Found 'metrics.acc'" },
        { "1.0 > metrics.acc", "Expected 'Identifier' found '1.0'" },
        { "attribute.status = 1", "Expected a quoted string value for attribute 'status' (e.g. 'my-value'). Got value 1" },
        { "params.acc = LR", "value is either not quoted or unidentified quote types used for string value LR of parameter 'acc'" },
        { "tags.acc = LR", "value is either not quoted or unidentified quote types used for string value LR of tag 'acc'" },
        { "params.acc = `LR`", "value is either not quoted or unidentified quote types used for string value `LR` of parameter 'acc'" },
        { "params.'acc = LR", "Invalid clause(s) in filter string: 'params.'acc = LR'" },
        { "params.acc = 'LR", "Invalid clause(s) in filter string: 'params.acc = 'LR'" },
        { "params.acc = LR'", "Invalid clause(s) in filter string: 'params.acc = LR''" },
        { "params.acc = \"LR'", "Invalid clause(s) in filter string: 'params.acc = \"LR''" },
        { "tags.acc = \"LR'", "Invalid clause(s) in filter string: 'tags.acc = \"LR''" },
        { "tags.acc = = 'LR'", "Invalid clause(s) in filter string: 'tags.acc = = 'LR''" },
        { "attribute.status IS 'RUNNING'", "Invalid clause(s) in filter string: 'attribute.status IS 'RUNNING''" },
        { "params.acc LR !=", "Invalid clause(s) in filter string: 'params.acc LR !='" },
        { "params.acc LR", "Invalid clause(s) in filter string: 'params.acc LR'" },
        { "metric.acc !=", "Invalid clause(s) in filter string: 'metric.acc !='" },
        { "acc != 1.0", "Invalid attribute key 'acc'" },
        { "foo is null", "Invalid attribute key 'foo'" },
        { "1=1", "Expected 'Identifier' found '1'" },
        { "1==2", "Expected 'Identifier' found '1'" },
    };

    /// <summary>
    /// Mirrors test_bad_comparators, which MLflow checks when filtering; Gyre checks at parse time, plus
    /// <c>`params`.model &gt;= 'LR'</c> that test_filter parses and every store then rejects.
    /// </summary>
    public static readonly TheoryData<string, string> MlflowBadComparators = new()
    {
        { "metrics.abc ~ 1.0", "Invalid comparator '~' for metric 'abc'. Expected one of: =, !=, >, >=, <, <=" },
        { "metrics.abc ~= 1.0", "Invalid comparator '~=' for metric 'abc'" },
        { "params.abc > 'my-param-value'", "Invalid comparator '>' for parameter 'abc'. Expected one of: =, !=, LIKE, ILIKE" },
        { "params.abc < 'my-param-value'", "Invalid comparator '<' for parameter 'abc'" },
        { "params.abc >= 'my-param-value'", "Invalid comparator '>=' for parameter 'abc'" },
        { "params.abc <= 'my-param-value'", "Invalid comparator '<=' for parameter 'abc'" },
        { "params.abc ~ 'my-param-value'", "Invalid comparator '~' for parameter 'abc'" },
        { "tags.abc > 'my-tag-value'", "Invalid comparator '>' for tag 'abc'. Expected one of: =, !=, LIKE, ILIKE" },
        { "tags.abc <= 'my-tag-value'", "Invalid comparator '<=' for tag 'abc'" },
        { "tags.abc ~ 'my-tag-value'", "Invalid comparator '~' for tag 'abc'" },
        { "attributes.status > 'my-tag-value'", "Invalid comparator '>' for attribute 'status'. Expected one of: =, !=, LIKE, ILIKE" },
        { "attributes.status ~ 'my-tag-value'", "Invalid comparator '~' for attribute 'status'" },
        { "attributes.start_time LIKE 1234", "Invalid comparator 'LIKE' for attribute 'start_time'. Expected one of: =, !=, >, >=, <, <=" },
        { "attributes.start_time ILIKE 1234", "Invalid comparator 'ILIKE' for attribute 'start_time'" },
        { "datasets.name > 'my-dataset-name'", "Invalid comparator '>' for dataset 'name'. Expected one of: =, !=, LIKE, ILIKE, IN, NOT IN" },
        { "datasets.name ~ 'my-dataset-name'", "Invalid comparator '~' for dataset 'name'" },
        { "`params`.model >= 'LR'", "Invalid comparator '>=' for parameter 'model'" },
    };

    /// <summary>Gyre's own refusals: malformed ANDs, lists, identifiers and numbers, each naming the bad part.</summary>
    public static readonly TheoryData<string, string> GyreErrorFilters = new()
    {
        { "metrics.acc LIKE 'a%'", "Invalid comparator 'LIKE' for metric 'acc'. Expected one of: =, !=, >, >=, <, <=" },
        { "metrics.a == 1", "Invalid comparator '==' for metric 'a'" },
        { "params.a <> 'x'", "Invalid comparator '<>' for parameter 'a'" },
        { "params.a IN ('x')", "Invalid comparator 'IN' for parameter 'a'" },
        { "attributes.status IN ('RUNNING')", "Invalid comparator 'IN' for attribute 'status'. Expected one of: =, !=, LIKE, ILIKE" },
        { "run_name not in ('a')", "Invalid comparator 'not in' for attribute 'run_name'" },
        { "metrics.a > 1 AND", "'AND' at character 15 of 'metrics.a > 1 AND' must stand between two clauses" },
        { "AND metrics.a > 1", "'AND' at character 1 of 'AND metrics.a > 1' must stand between two clauses" },
        { "metrics.a > 1 and and metrics.b > 1", "'AND' at character 19 of" },
        { "metrics.a > 1;", "Invalid clause(s) in filter string: 'metrics.a > 1;'" },
        { "run_id IN ()", "expected a non-empty list of quoted string values, but got an empty list: ()" },
        { "run_id IN ('a', 1)", "but got '1' where a quoted string belongs: ('a', 1)" },
        { "run_id IN ('a' 'b')", "but got 'b' where ',' or ')' belongs: ('a' 'b')" },
        { "run_id IN ('a', )", "but got ')' where a quoted string belongs: ('a', )" },
        { "run_id IN ('a'", "but got an unclosed list: ('a'" },
        { "run_id IN ('a') AND run_id IN ('b'", "but got an unclosed list: ('b'" },
        { "run_id IN ('a') 'b'", "Invalid clause(s) in filter string: 'run_id IN ('a') 'b''" },
        { "run_id IN 'a'", "Expected a list of quoted strings like ('a', 'b') after 'IN' for attribute 'run_id'. Found 'a'" },
        { "datasets.name NOT IN", "Invalid clause(s) in filter string: 'datasets.name NOT IN'" },
        { "run_id = ('a')", "Invalid clause(s) in filter string: 'run_id = ('a')'" },
        { "metrics.a > 1e999", "Numeric value '1e999' for metric 'a' is out of range" },
        { "metrics.a > 1abc", "Invalid clause(s) in filter string: 'metrics.a > 1abc'" },
        { "metrics.a > - 1", "Invalid clause(s) in filter string: 'metrics.a > - 1'" },
        { "metrics.a > nan", "Expected numeric value type for metric 'a'. Found 'nan'" },
        { "Metrics.acc > 1", "Invalid entity type 'Metrics'" },
        { "\"metrics\".acc > 1", "Invalid entity type '\"metrics\"'" },
        { "metrics. > 1", "Invalid identifier 'metrics.'" },
        { "metrics.\"\" > 1", "Invalid identifier 'metrics.\"\"'" },
        { "metrics.\"a\".b > 1", "Invalid identifier 'metrics.\"a\".b'" },
        { "metrics.a..b > 1", "Invalid identifier 'metrics.a..b'" },
        { "datasets.name = name1", "string value name1 of dataset 'name'" },
        { "datasets.schema = 'x'", "Invalid dataset key 'schema'" },
        { "'metrics.a' > 1", "Expected 'Identifier' found 'metrics.a'" },
        { "metrics.a > 1 % 2", "Invalid clause(s) in filter string: 'metrics.a > 1 % 2'" },
    };

    [Theory]
    [MemberData(nameof(MlflowValidFilters))]
    [MemberData(nameof(MlflowFilteringFilters))]
    [MemberData(nameof(GyreValidFilters))]
    public void ParseFilter_ValidFilter_ReturnsExactClauses(string filter, string[] expected)
    {
        var clauses = RunSearchSyntax.ParseFilter(filter);

        Assert.Equal(expected, clauses.Select(SearchClauseText.Of));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void ParseFilter_NullOrBlank_ReturnsNoClauses(string? filter)
    {
        Assert.Empty(RunSearchSyntax.ParseFilter(filter));
    }

    [Theory]
    [MemberData(nameof(MlflowErrorFilters))]
    [MemberData(nameof(MlflowBadClauses))]
    [MemberData(nameof(MlflowBadComparators))]
    [MemberData(nameof(GyreErrorFilters))]
    public void ParseFilter_InvalidFilter_ThrowsInvalidInputNamingTheBadPart(string filter, string expectedMessagePart)
    {
        var error = Assert.Throws<GyreException>(() => RunSearchSyntax.ParseFilter(filter));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFilter_ManyClauses_KeepsTheirOrder()
    {
        var filter = string.Join(" AND ", Enumerable.Range(0, 50).Select(i => $"metrics.m{i} > {i}"));

        var clauses = RunSearchSyntax.ParseFilter(filter);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"m{i}"), clauses.Select(clause => clause.Key));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double?)i), clauses.Select(clause => clause.Value.Number));
    }
}
