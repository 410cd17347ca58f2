using Gyre.Core;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    [Theory]
    [InlineData("metrics.m = 2", "two")]
    [InlineData("metrics.m != 2", "one,three,nan")]
    [InlineData("metrics.m > 1", "two,three")]
    [InlineData("metrics.m >= 2", "two,three")]
    [InlineData("metrics.m < 2", "one")]
    [InlineData("metrics.m <= 2", "one,two")]
    [InlineData("metric.m > 2.5", "three")]
    [InlineData("metrics.m > 100", "")]
    public async Task SearchRuns_MetricComparator_MatchesLatestValuesAndNeverRunsLackingTheKey(string filter, string expected)
    {
        await CreateNamedRunAsync("one", metrics: [PointAt("m", 1, 0)]);
        await CreateNamedRunAsync("two", metrics: [PointAt("m", 7, 0), PointAt("m", 2, 1)]);
        await CreateNamedRunAsync("three", metrics: [PointAt("m", 3, 0)]);
        await CreateNamedRunAsync("nan", metrics: [PointAt("m", double.NaN, 0)]);
        await CreateNamedRunAsync("none", metrics: [PointAt("other", 2, 0)]);

        Assert.Equal(SortedNames(expected), await SearchRunNamesAsync(filter, sorted: true));
    }

    [Theory]
    [InlineData("params.trainer = 'lightgbm'", "lower")]
    [InlineData("params.trainer != 'lightgbm'", "other,star,upper")]
    [InlineData("params.trainer LIKE 'light%'", "lower,star")]
    [InlineData("params.trainer LIKE '%GBM'", "upper")]
    [InlineData("params.trainer LIKE 'lightgb_'", "lower")]
    [InlineData("params.trainer LIKE 'light*gbm'", "star")]
    [InlineData("params.trainer ILIKE 'LIGHT%'", "lower,star,upper")]
    [InlineData("params.trainer ILIKE '%gbm'", "lower,star,upper")]
    [InlineData("param.trainer = \"xgboost\"", "other")]
    [InlineData("tags.trainer = 'lightgbm'", "lower")]
    [InlineData("tags.trainer != 'lightgbm'", "other,star,upper")]
    [InlineData("tags.trainer LIKE 'Light%'", "upper")]
    [InlineData("tags.trainer ILIKE 'light%'", "lower,star,upper")]
    public async Task SearchRuns_ParamOrTagComparator_MatchesCaseAsMlflowAndNeverRunsLackingTheKey(string filter, string expected)
    {
        foreach (var (name, trainer) in new[] { ("lower", "lightgbm"), ("upper", "LightGBM"), ("other", "xgboost"), ("star", "light*gbm") })
        {
            await CreateNamedRunAsync(name, parameters: [new Param("trainer", trainer)], tags: [new Tag("trainer", trainer)]);
        }

        await CreateNamedRunAsync("none", parameters: [new Param("depth", "3")]);

        Assert.Equal(SortedNames(expected), await SearchRunNamesAsync(filter, sorted: true));
    }

    /// <summary>Long values around 200 characters, the prefix PostgreSQL indexes values by: equality stays exact.</summary>
    [Theory]
    [InlineData(199)]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(5000)]
    public async Task SearchRuns_LongParamValueEquality_MatchesOnlyTheWholeValue(int length)
    {
        var value = new string('v', length);
        await CreateNamedRunAsync("exact", parameters: [new Param("p", value)]);
        await CreateNamedRunAsync("longer", parameters: [new Param("p", value + "x")]);
        await CreateNamedRunAsync("shorter", parameters: [new Param("p", value[..^1])]);

        Assert.Equal(["exact"], await SearchRunNamesAsync($"params.p = '{value}'"));
    }

    [Fact]
    public async Task SearchRuns_QuotedKeyWithSpecialCharacters_Matches()
    {
        await CreateNamedRunAsync("hit", metrics: [PointAt("val-loss", 0.5, 0)], tags: [new Tag("user name", "bob")]);
        await CreateNamedRunAsync("miss", metrics: [PointAt("val-loss", 0.9, 0)], tags: [new Tag("user name", "eve")]);

        Assert.Equal(["hit"], await SearchRunNamesAsync("metrics.\"val-loss\" < 0.6 and tags.`user name` = 'bob'"));
    }

    [Theory]
    [InlineData("attributes.run_name = 'beta'", "beta")]
    [InlineData("run_name LIKE 'b%'", "beta")]
    [InlineData("attributes.run_name ILIKE 'B%'", "beta")]
    [InlineData("attributes.run_name != 'beta'", "alpha,gamma")]
    [InlineData("attributes.status = 'FINISHED'", "beta")]
    [InlineData("attributes.status != 'RUNNING'", "beta")]
    [InlineData("attributes.user_id = 'carol'", "gamma")]
    [InlineData("attributes.start_time > 1500", "beta,gamma")]
    [InlineData("attributes.start_time <= 2000", "alpha,beta")]
    [InlineData("attributes.end_time >= 0", "beta")]
    [InlineData("attributes.end_time != 5", "beta")]
    [InlineData("attributes.artifact_uri LIKE '%/artifacts'", "alpha,beta,gamma")]
    public async Task SearchRuns_AttributeComparator_Matches(string filter, string expected)
    {
        await Store.CreateRunAsync(ExperimentId.Default, "alpha", "alice", 1_000, null, Ct);
        var beta = await Store.CreateRunAsync(ExperimentId.Default, "beta", "bob", 2_000, null, Ct);
        await Store.CreateRunAsync(ExperimentId.Default, "gamma", "carol", 3_000, null, Ct);
        await Store.UpdateRunAsync(beta.RunId, RunStatus.Finished, 2_500, null, Ct);

        Assert.Equal(SortedNames(expected), await SearchRunNamesAsync(filter, sorted: true));
    }

    [Fact]
    public async Task SearchRuns_RunIdInAndNotIn_SelectsByList()
    {
        var a = await CreateNamedRunAsync("a");
        var b = await CreateNamedRunAsync("b");
        await CreateNamedRunAsync("c");

        Assert.Equal(["a", "b"], await SearchRunNamesAsync($"attributes.run_id IN ('{a.Value}', '{b.Value}', 'unknown')", sorted: true));
        Assert.Equal(["c"], await SearchRunNamesAsync($"attributes.run_id NOT IN ('{a.Value}', '{b.Value}')", sorted: true));
    }

    [Theory]
    [InlineData("datasets.name = 'iris'", "both,iris")]
    [InlineData("datasets.name != 'iris'", "both,wine")]
    [InlineData("datasets.digest IN ('d-wine')", "both,wine")]
    [InlineData("datasets.digest NOT IN ('d-wine')", "both,iris")]
    [InlineData("datasets.name LIKE 'I%'", "")]
    [InlineData("datasets.name ILIKE 'I%'", "both,iris")]
    [InlineData("datasets.context = 'training'", "iris")]
    [InlineData("datasets.context = 'eval'", "both")]
    public async Task SearchRuns_DatasetComparator_MatchesRunsThroughTheirInputs(string filter, string expected)
    {
        var iris = await CreateNamedRunAsync("iris");
        var wine = await CreateNamedRunAsync("wine");
        var both = await CreateNamedRunAsync("both");
        await CreateNamedRunAsync("none");
        await Store.LogInputsAsync(iris, [new DatasetInput("iris", "d-iris", "local", "/iris.csv", Tags: [new Tag("mlflow.data.context", "training")])], Ct);
        await Store.LogInputsAsync(wine, [new DatasetInput("wine", "d-wine", "local", "/wine.csv")], Ct);
        await Store.LogInputsAsync(
            both,
            [
                new DatasetInput("iris", "d-iris", "local", "/iris.csv", Tags: [new Tag("mlflow.data.context", "eval")]),
                new DatasetInput("wine", "d-wine", "local", "/wine.csv"),
            ],
            Ct);

        Assert.Equal(SortedNames(expected), await SearchRunNamesAsync(filter, sorted: true));
    }

    [Fact]
    public async Task SearchRuns_Conjunction_MatchesOnlyRunsSatisfyingEveryClause()
    {
        await CreateNamedRunAsync("hit", metrics: [PointAt("auc", 0.9, 0)], parameters: [new Param("trainer", "lightgbm")]);
        await CreateNamedRunAsync("low", metrics: [PointAt("auc", 0.7, 0)], parameters: [new Param("trainer", "lightgbm")]);
        await CreateNamedRunAsync("other", metrics: [PointAt("auc", 0.95, 0)], parameters: [new Param("trainer", "xgboost")]);
        await CreateNamedRunAsync("bare", parameters: [new Param("trainer", "lightgbm")]);

        Assert.Equal(["hit"], await SearchRunNamesAsync("metrics.auc > 0.8 and params.trainer = 'lightgbm'"));
        Assert.Equal(["hit"], await SearchRunNamesAsync("metrics.auc > 0.8 AND metrics.auc < 0.92 AND params.trainer LIKE 'light%'"));
    }

    [Theory]
    [InlineData(ViewType.ActiveOnly, "active")]
    [InlineData(ViewType.DeletedOnly, "deleted")]
    [InlineData(ViewType.All, "active,deleted")]
    public async Task SearchRuns_FilterWithViewType_AppliesBoth(ViewType viewType, string expected)
    {
        await CreateNamedRunAsync("active", metrics: [PointAt("m", 1, 0)]);
        var deleted = await CreateNamedRunAsync("deleted", metrics: [PointAt("m", 1, 0)]);
        await CreateNamedRunAsync("unmatched", metrics: [PointAt("m", 0, 0)]);
        await Store.DeleteRunAsync(deleted, Ct);

        Assert.Equal(SortedNames(expected), await SearchRunNamesAsync("metrics.m = 1", sorted: true, viewType: viewType));
    }

    [Theory]
    [InlineData("metrics.m ASC", "b,e,a,nan,none")]
    [InlineData("metrics.m", "b,e,a,nan,none")]
    [InlineData("metrics.m DESC", "a,e,b,nan,none")]
    [InlineData("params.p ASC", "e,b,a,nan,none")]
    [InlineData("params.p DESC", "a,b,e,nan,none")]
    [InlineData("tags.t desc", "none,a,b,e,nan")]
    public async Task SearchRuns_OrderByKey_SortsByValueWithNaNThenMissingLast(string orderBy, string expected)
    {
        // start times make the tie-break (newest first) visible among runs lacking the key.
        await CreateNamedRunAsync("a", startTime: 5, metrics: [PointAt("m", 3, 0)], parameters: [new Param("p", "z")], tags: [new Tag("t", "3")]);
        await CreateNamedRunAsync("b", startTime: 4, metrics: [PointAt("m", 1, 0)], parameters: [new Param("p", "m")], tags: [new Tag("t", "2")]);
        await CreateNamedRunAsync("nan", startTime: 3, metrics: [PointAt("m", double.NaN, 0)]);
        await CreateNamedRunAsync("none", startTime: 2, tags: [new Tag("t", "9")]);
        await CreateNamedRunAsync("e", startTime: 1, metrics: [PointAt("m", 2, 0)], parameters: [new Param("p", "a")], tags: [new Tag("t", "1")]);

        Assert.Equal(Names(expected), await SearchRunNamesAsync(null, orderBy: [orderBy]));
    }

    [Fact]
    public async Task SearchRuns_OrderByFilteredMetric_UsesTheFilterAndTheOrder()
    {
        await CreateNamedRunAsync("a", metrics: [PointAt("auc", 0.81, 0)], parameters: [new Param("trainer", "lightgbm")]);
        await CreateNamedRunAsync("b", metrics: [PointAt("auc", 0.99, 0)], parameters: [new Param("trainer", "lightgbm")]);
        await CreateNamedRunAsync("c", metrics: [PointAt("auc", 0.9, 0)], parameters: [new Param("trainer", "lightgbm")]);
        await CreateNamedRunAsync("d", metrics: [PointAt("auc", 0.95, 0)], parameters: [new Param("trainer", "xgboost")]);

        Assert.Equal(["b", "c", "a"], await SearchRunNamesAsync("metrics.auc > 0.8 and params.trainer = 'lightgbm'", orderBy: ["metrics.auc DESC"]));
        Assert.Equal(["a", "c", "b"], await SearchRunNamesAsync("metrics.auc > 0.8 and params.trainer = 'lightgbm'", orderBy: ["metrics.auc"]));
    }

    [Theory]
    [InlineData("attributes.start_time ASC", "early,mid,late")]
    [InlineData("attributes.start_time DESC", "late,mid,early")]
    [InlineData("attributes.run_name DESC", "mid,late,early")]
    [InlineData("attributes.end_time ASC", "late,early,mid")]
    [InlineData("attributes.end_time DESC", "early,late,mid")]
    [InlineData("attributes.status", "early,late,mid")]
    public async Task SearchRuns_OrderByAttribute_SortsWithUnsetEndTimeLast(string orderBy, string expected)
    {
        var early = await Store.CreateRunAsync(ExperimentId.Default, "early", "u", 100, null, Ct);
        await Store.CreateRunAsync(ExperimentId.Default, "mid", "u", 200, null, Ct);
        var late = await Store.CreateRunAsync(ExperimentId.Default, "late", "u", 300, null, Ct);
        await Store.UpdateRunAsync(early.RunId, RunStatus.Failed, 900, null, Ct);
        await Store.UpdateRunAsync(late.RunId, RunStatus.Finished, 400, null, Ct);

        Assert.Equal(Names(expected), await SearchRunNamesAsync(null, orderBy: [orderBy]));
    }

    [Fact]
    public async Task SearchRuns_SeveralOrderTerms_FirstHasPriority()
    {
        await CreateNamedRunAsync("x1", metrics: [PointAt("m", 1, 0)], parameters: [new Param("group", "x")]);
        await CreateNamedRunAsync("y2", metrics: [PointAt("m", 2, 0)], parameters: [new Param("group", "y")]);
        await CreateNamedRunAsync("x3", metrics: [PointAt("m", 3, 0)], parameters: [new Param("group", "x")]);
        await CreateNamedRunAsync("y1", metrics: [PointAt("m", 1, 0)], parameters: [new Param("group", "y")]);

        Assert.Equal(["x3", "x1", "y2", "y1"], await SearchRunNamesAsync(null, orderBy: ["params.group ASC", "metrics.m DESC"]));
    }

    [Fact]
    public async Task SearchRuns_EqualOrderValues_BreaksTiesByStartTimeNewestFirstThenRunId()
    {
        var runs = new List<RunInfo>();
        foreach (var start in new long[] { 10, 30, 20, 30, 30 })
        {
            var info = await CreateRunAsync(startTime: start);
            await Store.LogMetricAsync(info.RunId, PointAt("m", 1, 0), Ct);
            runs.Add(info);
        }

        var expected = runs.OrderByDescending(r => r.StartTime).ThenBy(r => r.RunId.Value, StringComparer.Ordinal).Select(r => r.RunId);
        var page = await Store.SearchRunsAsync(new RunSearch([ExperimentId.Default]) { OrderBy = ["metrics.m ASC"] }, Ct);

        Assert.Equal(expected, page.Items.Select(r => r.Info.RunId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(30)]
    public async Task SearchRuns_FilteredOrderedPages_ReturnEveryMatchOnceInOrder(int pageSize)
    {
        var expected = new List<(RunId Id, double? Value, long Start)>();
        for (var i = 0; i < 30; i++)
        {
            // Values repeat (ties), some runs lack the key, and one in five fails the filter.
            var value = (i * 7 % 11) / 10.0;
            var start = 1_000 + (i % 4);
            var info = await CreateRunAsync(startTime: start);
            if (i % 6 != 5)
            {
                await Store.LogMetricAsync(info.RunId, PointAt("score", value, 0), Ct);
            }

            await Store.LogParamAsync(info.RunId, new Param("kind", i % 5 == 4 ? "skip" : "keep"), Ct);
            if (i % 5 != 4)
            {
                expected.Add((info.RunId, i % 6 != 5 ? value : null, start));
            }
        }

        var ordered = expected
            .OrderBy(r => r.Value is null ? 1 : 0)
            .ThenByDescending(r => r.Value)
            .ThenByDescending(r => r.Start)
            .ThenBy(r => r.Id.Value, StringComparer.Ordinal)
            .Select(r => r.Id)
            .ToList();
        var seen = new List<RunId>();
        string? token = null;
        do
        {
            var page = await Store.SearchRunsAsync(
                new RunSearch([ExperimentId.Default]) { Filter = "params.kind = 'keep'", OrderBy = ["metrics.score DESC"], MaxResults = pageSize, PageToken = token },
                Ct);
            Assert.True(page.Items.Count <= pageSize);
            Assert.True(page.NextPageToken is null || page.Items.Count == pageSize);
            seen.AddRange(page.Items.Select(r => r.Info.RunId));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(ordered, seen);
    }

    [Fact]
    public async Task SearchRuns_SeveralExperiments_FiltersAcrossThem()
    {
        var a = await Store.CreateExperimentAsync("a", null, Ct);
        var b = await Store.CreateExperimentAsync("b", null, Ct);
        await CreateNamedRunAsync("in-a", experimentId: a, metrics: [PointAt("m", 1, 0)]);
        await CreateNamedRunAsync("in-b", experimentId: b, metrics: [PointAt("m", 1, 0)]);
        await CreateNamedRunAsync("in-default", metrics: [PointAt("m", 1, 0)]);

        Assert.Equal(["in-a", "in-b"], await SearchRunNamesAsync("metrics.m = 1", sorted: true, experiments: [a, b]));
    }

    [Theory]
    [InlineData("metrics.m > 'text'")]
    [InlineData("params.p = 3")]
    [InlineData("metrics.m = 1 or metrics.m = 2")]
    [InlineData("unknown.m = 1")]
    [InlineData("attributes.nope = 'x'")]
    [InlineData("metrics.m >")]
    public async Task SearchRuns_MalformedFilter_ThrowsInvalidInput(string filter)
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchRunsAsync(new RunSearch([ExperimentId.Default]) { Filter = filter }, Ct));

    [Theory]
    [InlineData("datasets.name ASC")]
    [InlineData("metrics.m SIDEWAYS")]
    [InlineData("attributes.nope")]
    public async Task SearchRuns_MalformedOrderBy_ThrowsInvalidInput(string orderBy)
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchRunsAsync(new RunSearch([ExperimentId.Default]) { OrderBy = [orderBy] }, Ct));

    [Theory]
    [InlineData("name = 'alpha'", "alpha")]
    [InlineData("name != 'alpha'", "Default,Gamma,beta")]
    [InlineData("name LIKE '%a'", "Gamma,alpha,beta")]
    [InlineData("name LIKE 'g%'", "")]
    [InlineData("name ILIKE 'g%'", "Gamma")]
    [InlineData("tags.team = 'risk'", "alpha")]
    [InlineData("tags.team != 'risk'", "beta")]
    [InlineData("tags.team ILIKE '%R%'", "alpha,beta")]
    [InlineData("creation_time > 1700000001000", "Gamma,beta")]
    [InlineData("attribute.creation_time <= 1700000001000", "Default,alpha")]
    [InlineData("last_update_time >= 1700000000000", "Default,Gamma,alpha,beta")]
    public async Task SearchExperiments_Filter_Matches(string filter, string expected)
    {
        await CreateExperimentsForSearchAsync();

        var page = await Store.SearchExperimentsAsync(new ExperimentSearch { Filter = filter }, Ct);

        Assert.Equal(SortedNames(expected), page.Items.Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("name ASC", "Default,Gamma,alpha,beta")]
    [InlineData("name DESC", "beta,alpha,Gamma,Default")]
    [InlineData("experiment_id ASC", "Default,alpha,beta,Gamma")]
    [InlineData("creation_time ASC", "Default,alpha,Gamma,beta")]
    [InlineData("last_update_time DESC", "alpha,Gamma,beta,Default")]
    public async Task SearchExperiments_OrderBy_SortsThenBreaksTiesByIdDescending(string orderBy, string expected)
    {
        await CreateExperimentsForSearchAsync();

        var page = await Store.SearchExperimentsAsync(new ExperimentSearch { OrderBy = [orderBy] }, Ct);

        Assert.Equal(Names(expected), page.Items.Select(e => e.Name));
    }

    [Fact]
    public async Task SearchExperiments_FilterWithPages_ReturnsEveryMatchOnce()
    {
        for (var i = 0; i < 9; i++)
        {
            await Store.CreateExperimentAsync($"{(i % 3 == 0 ? "skip" : "keep")}-{i}", null, Ct);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.SearchExperimentsAsync(new ExperimentSearch { Filter = "name LIKE 'keep-%'", OrderBy = ["name"], MaxResults = 4, PageToken = token }, Ct);
            seen.AddRange(page.Items.Select(e => e.Name));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(["keep-1", "keep-2", "keep-4", "keep-5", "keep-7", "keep-8"], seen);
    }

    [Theory]
    [InlineData("name = 3")]
    [InlineData("metrics.m > 1")]
    [InlineData("tags.team >= 'a'")]
    public async Task SearchExperiments_MalformedFilter_ThrowsInvalidInput(string filter)
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchExperimentsAsync(new ExperimentSearch { Filter = filter }, Ct));

    /// <summary>
    /// Default (id 0, created t0), alpha (id 1, created t0+1 s, tag team=risk, renamed at t0+5 s), beta
    /// (id 2, created t0+2 s, team=growth), Gamma (id 3, created t0+2 s, renamed at t0+4 s); t0 = <see cref="ClockStart"/>.
    /// </summary>
    private async Task CreateExperimentsForSearchAsync()
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var alpha = await Store.CreateExperimentAsync("alpha-old", [new Tag("team", "risk")], Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.CreateExperimentAsync("beta", [new Tag("team", "growth")], Ct);
        var gamma = await Store.CreateExperimentAsync("Gamma-old", null, Ct);
        Clock.Advance(TimeSpan.FromSeconds(2));
        await Store.RenameExperimentAsync(gamma, "Gamma", Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.RenameExperimentAsync(alpha, "alpha", Ct);
    }

    private static string[] Names(string csv) => csv.Length == 0 ? [] : csv.Split(',');

    private static string[] SortedNames(string csv) => [.. Names(csv).Order(StringComparer.Ordinal)];

    private async Task<RunId> CreateNamedRunAsync(
        string name,
        long startTime = 1_000,
        ExperimentId? experimentId = null,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyList<Param>? parameters = null,
        IReadOnlyList<Tag>? tags = null)
    {
        var info = await Store.CreateRunAsync(experimentId ?? ExperimentId.Default, name, "alice", startTime, null, Ct);
        await Store.LogBatchAsync(info.RunId, metrics ?? [], parameters ?? [], tags ?? [], Ct);
        return info.RunId;
    }

    /// <summary>The names of the runs a one-page search returns, in its order or (<paramref name="sorted"/>) sorted ordinally.</summary>
    private async Task<List<string>> SearchRunNamesAsync(
        string? filter,
        IReadOnlyList<string>? orderBy = null,
        bool sorted = false,
        ViewType viewType = ViewType.ActiveOnly,
        IReadOnlyList<ExperimentId>? experiments = null)
    {
        var page = await Store.SearchRunsAsync(
            new RunSearch(experiments ?? [ExperimentId.Default]) { Filter = filter, OrderBy = orderBy, ViewType = viewType },
            Ct);
        Assert.Null(page.NextPageToken);
        var names = page.Items.Select(r => r.Info.RunName);
        return sorted ? [.. names.Order(StringComparer.Ordinal)] : [.. names];
    }
}
