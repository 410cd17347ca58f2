using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Tune;

/// <summary>
/// One workspace shared (read-only) by the tune tests: 800 synthetic fraud rows, a spec in the shape of the
/// seed's example (random forest, numberOfTrees 50-200) and one `gyre tune --json` of <see cref="Trials"/> trials.
/// </summary>
public sealed class TunedWorkspace : IAsyncLifetime
{
    public const int Trials = 4;

    public const int Rows = 800;

    public const string SpecText = """
        data: fraud.csv
        label: is_fraud
        task: binary
        trainer: fastforest
        metric: roc_auc
        validation: {kind: holdout, test_fraction: 0.25}
        trials: 30
        seed: 7
        search_space:
          numberOfTrees: {type: int, low: 50, high: 200}
          numberOfLeaves: {type: int, low: 4, high: 32, log: true}
          featureFraction: {type: categorical, choices: [0.5, 0.7, 1.0]}
        """;

    private readonly TempFolder _folder = new();

    public CliRunner Cli { get; private set; } = null!;

    public string DataPath { get; private set; } = null!;

    /// <summary>`tune --spec tune.yaml --trials 4 --json` output.</summary>
    public JsonNode Result { get; private set; } = null!;

    public TempFolder Folder => _folder;

    public async ValueTask InitializeAsync()
    {
        Cli = _folder.Cli();
        DataPath = await FraudData.SynthAsync(Cli, "fraud.csv", Rows);
        _folder.Write("tune.yaml", SpecText);
        Result = (await Cli.RunOkAsync("tune", "--spec", "tune.yaml", "--trials", Trials.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).Json();
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
