using Gyre.Core;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Scheduling;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>The <c>triggers:</c> and <c>concurrency:</c> keys of pipeline files: every kind parses, every mistake names the file and line.</summary>
public sealed class TriggerYamlTests : IDisposable
{
    /// <summary>Lines 1-6 of every test file; the first trigger item is on line 7.</summary>
    private const string Head = """
        name: on-file
        concurrency: 1
        params: { data: none }
        steps:
          count: { kind: shell, with: { run: "echo ${params.data}" } }
        triggers:

        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gyre-trigger-yaml-" + Guid.NewGuid().ToString("N"));

    public TriggerYamlTests() => Directory.CreateDirectory(Path.Combine(_folder, "incoming"));

    private string Source => Path.Combine(_folder, "on-file.yaml");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_EveryTriggerKind_GivesItsFieldsLineAndADistinctKey()
    {
        var pipeline = PipelineYaml.Read(Head + """
              - cron: "*/5 * * * *"
                timezone: Europe/Berlin
              - alert: fraud-auc-drop
                model: fraud
              - files: incoming/*.csv
                params: { data: "${event.path}" }
              - alias: fraud@champion
              - alert: "*"
              - files: incoming
            """, Source);

        var t = pipeline.Triggers;
        Assert.Equal([TriggerKind.Cron, TriggerKind.Alert, TriggerKind.Files, TriggerKind.Alias, TriggerKind.Alert, TriggerKind.Files], t.Select(x => x.Kind));
        Assert.Equal([7, 9, 11, 13, 14, 15], t.Select(x => x.Line));
        Assert.Equal("Europe/Berlin", t[0].Schedule!.TimeZone.Id);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 5, 0, TimeSpan.Zero), t[0].Schedule!.LatestAtOrBefore(new DateTimeOffset(2026, 1, 1, 10, 7, 0, TimeSpan.Zero)));
        Assert.Equal(("fraud-auc-drop", "fraud"), (t[1].Rule, t[1].Model));
        Assert.Equal(Path.Combine(_folder, "incoming"), t[2].Folder);
        Assert.Equal("*.csv", t[2].Pattern);
        Assert.Equal("${event.path}", t[2].Params["data"]);
        Assert.Equal(("fraud", "champion"), (t[3].Model, t[3].Alias));
        Assert.Null(t[4].Rule);
        Assert.Null(t[4].Model);
        Assert.Equal((Path.Combine(_folder, "incoming"), "*"), (t[5].Folder, t[5].Pattern));
        Assert.Equal(t.Count, t.Select(x => x.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(t, x => Assert.False(string.IsNullOrWhiteSpace(x.Description)));
        Assert.Equal(1, pipeline.Concurrency);
    }

    [Fact]
    public void Read_TriggerKey_StaysWhenTheRestOfTheFileChangesAndChangesWithTheTrigger()
    {
        var before = PipelineYaml.Read(Head + "  - cron: \"0 3 * * *\"\n", Source).Triggers.Single();
        var otherSteps = PipelineYaml.Read(Head.Replace("echo ${params.data}", "echo other", StringComparison.Ordinal) + "  - cron: \"0 3 * * *\"\n", Source).Triggers.Single();
        var edited = PipelineYaml.Read(Head + "  - cron: \"0 4 * * *\"\n", Source).Triggers.Single();
        var otherPipeline = PipelineYaml.Read(Head.Replace("name: on-file", "name: other", StringComparison.Ordinal) + "  - cron: \"0 3 * * *\"\n", Source).Triggers.Single();

        Assert.Equal(before.Key, otherSteps.Key);
        Assert.NotEqual(before.Key, edited.Key);
        Assert.NotEqual(before.Key, otherPipeline.Key);
    }

    [Fact]
    public void Read_NoTriggersOrConcurrency_DefaultsToNoneAndOne()
    {
        var pipeline = PipelineYaml.Read("name: plain\nsteps:\n  a: { kind: shell, with: { run: \"true\" } }\n", Source);

        Assert.Empty(pipeline.Triggers);
        Assert.Equal(1, pipeline.Concurrency);
        Assert.Equal(7, PipelineYaml.Read(Head.Replace("concurrency: 1", "concurrency: 7", StringComparison.Ordinal) + "  - alias: a@b\n", Source).Concurrency);
    }

    [Fact]
    public void Resolve_EventReferences_AreReplacedByTheEventsValues()
    {
        var trigger = PipelineYaml.Read(Head + "  - files: incoming/*.csv\n    params: { data: \"in=${event.path} name=${event.name}\" }\n", Source).Triggers.Single();

        var resolved = TriggerYaml.Resolve(trigger, new TriggerEvent("file:x", DateTimeOffset.UnixEpoch, "new file",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["path"] = "/d/a.csv", ["name"] = "a.csv", ["time"] = "t" }));

        Assert.Equal("in=/d/a.csv name=a.csv", Assert.Single(resolved).Value);
    }

    [Theory]
    [InlineData("  - params: { data: x }", 7, "this one has none")]
    [InlineData("  - cron: \"* * * * *\"\n    alert: auc", 7, "this one has cron and alert")]
    [InlineData("  - cron: \"* * * * *\"\n    when: later", 8, "unknown key 'when' in a trigger")]
    [InlineData("  - files: incoming/*.csv\n    timezone: UTC", 8, "'timezone' does not apply to a files trigger")]
    [InlineData("  - cron: \"0 3 * * *\"\n    model: fraud", 8, "'model' does not apply to a cron trigger")]
    [InlineData("  - cron: \"61 * * * *\"", 7, "'cron': cron '61 * * * *': minute")]
    [InlineData("  - cron: \"* * *\"", 7, "expected 5 fields")]
    [InlineData("  - cron: \"0 3 * * *\"\n    timezone: Mars/Olympus", 8, "'Mars/Olympus' is not a known time zone")]
    [InlineData("  - alias: fraud", 7, "'alias': 'fraud' must be MODEL@ALIAS")]
    [InlineData("  - alias: fraud@", 7, "must be MODEL@ALIAS")]
    [InlineData("  - alias: \"@champion\"", 7, "must be MODEL@ALIAS")]
    [InlineData("  - files: in*/new/*.csv", 7, "only the file name may hold * or ?")]
    [InlineData("  - files: incoming\n    params: { nope: x }", 8, "the pipeline has no parameter 'nope'")]
    [InlineData("  - files: incoming\n    params: { data: \"${event.version}\" }", 8, "a files event has no 'version'")]
    [InlineData("  - alias: fraud@champion\n    params: { data: \"${event.path}\" }", 8, "event has no 'path'; it has: model, alias, version, user, time")]
    [InlineData("  - cron: \"0 3 * * *\"\n  - alert: x\n  - cron: \"0 3 * * *\"", 9, "is given twice")]
    [InlineData("  - alias: fraud@champion\n  - alias: fraud@champion", 8, "is given twice")]
    public void Read_BadTrigger_FailsNamingTheFileAndLine(string triggers, int line, string message)
    {
        var error = Assert.Throws<GyreException>(() => PipelineYaml.Read(Head + triggers + "\n", Source));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"{Source} line {line}", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Read_SameTriggerTwice_NamesTheTriggerAsWritten()
    {
        var error = Assert.Throws<GyreException>(() => PipelineYaml.Read(Head + "  - cron: \"0 3 * * *\"\n  - cron: \"0 3 * * *\"\n", Source));

        Assert.Contains($"{Source} line 8: the trigger 'cron 0 3 * * *' is given twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("many")]
    public void Read_ConcurrencyOutOfRange_FailsNamingTheLine(string concurrency)
    {
        var error = Assert.Throws<GyreException>(() => PipelineYaml.Read(Head.Replace("concurrency: 1", "concurrency: " + concurrency, StringComparison.Ordinal) + "  - alias: a@b\n", Source));

        Assert.Contains($"{Source} line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'concurrency' must be an integer in [1, 100]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TriggersNotAList_FailsNamingTheLine()
    {
        var error = Assert.Throws<GyreException>(() => PipelineYaml.Read(Head.Replace("triggers:\n", "triggers: { cron: x }\n", StringComparison.Ordinal), Source));

        Assert.Contains($"{Source} line 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("'triggers' must be a list", error.Message, StringComparison.Ordinal);
    }
}
