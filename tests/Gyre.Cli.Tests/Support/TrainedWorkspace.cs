using System.Text.Json.Nodes;

namespace Gyre.Cli.Tests.Support;

/// <summary>
/// One workspace shared (read-only) by the tests of <see cref="TrainedWorkspaceSharing"/>: 3000 synthetic
/// fraud rows and three trainings on them in experiment <see cref="Experiment"/> with 2-fold CV: <see cref="First"/>
/// and <see cref="Second"/> with identical flags (seed 42), <see cref="SmallLeaves"/> with <c>-p num_leaves=7</c>.
/// Tests that write files write them into their own folders.
/// </summary>
public sealed class TrainedWorkspace : IAsyncLifetime
{
    public const string Experiment = "cli-tests";

    public const int Folds = 2;

    private readonly TempFolder _folder = new();

    public CliRunner Cli { get; private set; } = null!;

    /// <summary>The training data file.</summary>
    public string DataPath { get; private set; } = null!;

    /// <summary>`train --json` output of the first training.</summary>
    public JsonNode First { get; private set; } = null!;

    /// <summary>`train --json` output of the same training repeated.</summary>
    public JsonNode Second { get; private set; } = null!;

    /// <summary>`train --json` output of the training with num_leaves=7.</summary>
    public JsonNode SmallLeaves { get; private set; } = null!;

    public static string RunId(JsonNode training) => training["run_id"]!.GetValue<string>();

    public static string ModelPath(JsonNode training) => training["model_path"]!.GetValue<string>();

    /// <summary>A fresh folder for a test's own files (deleted with the workspace).</summary>
    public string NewScratchFolder()
    {
        var path = _folder.Combine("scratch", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public async ValueTask InitializeAsync()
    {
        Cli = _folder.Cli();
        DataPath = await FraudData.SynthAsync(Cli, "fraud.csv");
        string[] common = ["train", "--data", "fraud.csv", "--label", FraudData.Label, "--task", "binary", "--folds", "2", "--experiment", Experiment, "--json"];
        First = (await Cli.RunOkAsync(common)).Json();
        Second = (await Cli.RunOkAsync(common)).Json();
        SmallLeaves = (await Cli.RunOkAsync([.. common, "-p", "num_leaves=7"])).Json();
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
