using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Commands;

/// <summary>`gyre experiments list` on the shared <see cref="TrainedWorkspace"/>.</summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class ExperimentsCommandsTests(TrainedWorkspace workspace)
{
    [Fact]
    public async Task List_Json_ShowsExperimentWithRunCount()
    {
        var experiments = (await workspace.Cli.RunOkAsync("experiments", "list", "--json")).Json()["experiments"]!.AsArray();

        var experiment = experiments.Single(e => Str(e!, "name") == TrainedWorkspace.Experiment)!;
        Assert.Equal(3, experiment["runs"]!.GetValue<int>());
        Assert.Equal(workspace.First["experiment_id"]!.GetValue<string>(), Str(experiment, "experiment_id"));
        Assert.Equal("active", Str(experiment, "lifecycle_stage"));
    }

    [Fact]
    public async Task List_EmptyWorkspace_ExitsZero()
    {
        using var folder = new TempFolder();

        var experiments = (await folder.Cli().RunOkAsync("experiments", "list", "--json")).Json()["experiments"]!.AsArray();

        Assert.DoesNotContain(experiments, e => e!["runs"]!.GetValue<int>() > 0);
    }

    private static string Str(System.Text.Json.Nodes.JsonNode node, string key) => TrainCommandTrackingTests.Str(node, key);
}
