using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Models;

/// <summary>
/// One workspace for the paired-evaluation promotion tests: a deliberately weak model (sdca, one pass over 200 rows),
/// a LightGBM model on 3000 rows, and a separate 1000-row evaluation file from another seed. Trained once; tests
/// register the runs under their own model names.
/// </summary>
public sealed class PromotionEvalWorkspace : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public CliRunner Cli { get; private set; } = null!;

    /// <summary>The labeled evaluation file (not used in training).</summary>
    public string EvalPath { get; private set; } = null!;

    public string WeakRunId { get; private set; } = null!;

    public string StrongRunId { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cli = _folder.Cli();
        await FraudData.SynthAsync(Cli, "small.csv", rows: 200, seed: 7);
        await FraudData.SynthAsync(Cli, "train.csv", rows: FraudData.Rows, seed: 42);
        EvalPath = await FraudData.SynthAsync(Cli, "eval.csv", rows: 1000, seed: 99);
        string[] common = ["train", "--label", FraudData.Label, "--task", "binary", "--folds", "0", "--experiment", "promote-eval", "--json"];
        WeakRunId = Run((await Cli.RunOkAsync([.. common, "--data", "small.csv", "--trainer", "sdca", "-p", "max_iterations=1"])).Json());
        StrongRunId = Run((await Cli.RunOkAsync([.. common, "--data", "train.csv", "--trainer", "lightgbm"])).Json());
    }

    /// <summary>Registers <paramref name="championRun"/> as version 1 (champion) and <paramref name="challengerRun"/> as version 2 (challenger) of a new model.</summary>
    public async Task<string> RegisterPairAsync(string championRun, string challengerRun)
    {
        var name = "eval-" + Guid.NewGuid().ToString("N")[..8];
        await Cli.RunOkAsync("models", "register", name, "--run", championRun);
        await Cli.RunOkAsync("models", "register", name, "--run", challengerRun, "--alias", "challenger");
        return name;
    }

    /// <summary>Writes a policy file into the workspace folder and returns its path.</summary>
    public string Policy(string yaml) => _folder.Write(Path.Combine("policies", Guid.NewGuid().ToString("N") + ".yaml"), yaml);

    public async Task<int> ChampionVersionAsync(string name) =>
        (await Cli.RunOkAsync("models", "show", $"{name}@champion", "--json")).Json()["version"]!["version"]!.GetValue<int>();

    public async Task<JsonArray> HistoryAsync(string name) =>
        (JsonArray)(await Cli.RunOkAsync("models", "history", name, "--json")).Json()["entries"]!;

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Run(JsonNode training) => training["run_id"]!.GetValue<string>();
}
