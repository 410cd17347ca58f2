using Gyre.Data.Synthetic;
using Gyre.Data.Tables;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Scoring;

/// <summary>
/// Models and tables for the <see cref="RowScorer"/> tests: fraud-generator rows with numeric, boolean, one-hot
/// (country), hashed (device_type), text (note) and date-time (timestamp) columns, where amount, card_present,
/// merchant_category, note and timestamp have missing values in training (so they are nullable) and the rest
/// do not. Trained once per test run.
/// </summary>
internal static class RowScorerModels
{
    public const string UnseenCountry = "Atlantis";

    private static readonly Lazy<TrainingOutcome> FraudBinaryLazy = new(() => Train(TaskKind.Binary, FraudTransactionGenerator.LabelColumn, "fastforest", "num_trees", []));

    private static readonly Lazy<TrainingOutcome> FraudMulticlassLazy = new(() => Train(TaskKind.Multiclass, "channel", "lightgbm", "num_iterations", [FraudTransactionGenerator.LabelColumn]));

    private static readonly Lazy<TrainingOutcome> FraudRegressionLazy = new(() => Train(TaskKind.Regression, "account_age_days", "fasttree", "num_iterations", [FraudTransactionGenerator.LabelColumn]));

    public static TrainingOutcome FraudBinary => FraudBinaryLazy.Value;

    public static TrainingOutcome FraudMulticlass => FraudMulticlassLazy.Value;

    public static TrainingOutcome FraudRegression => FraudRegressionLazy.Value;

    /// <summary>
    /// Rows the models never saw (another seed), with missing values in every nullable column, unseen countries
    /// (one-hot: scored as all zeros) and unseen words in the text column.
    /// </summary>
    public static DataTable HeldOut(int rows = 300) => Fraud(rows, seed: 99, heldOut: true);

    /// <summary>Saves <paramref name="outcome"/>'s model as a package and loads it back (the folder is gone afterwards).</summary>
    public static async Task<ModelPackage> PackageAsync(TrainingOutcome outcome)
    {
        using var temp = new TempDirectory();
        return await ModelPackage.SaveAsync(outcome.Model, Path.Combine(temp.Path, "model"), new PackageSaveOptions(), TestContext.Current.CancellationToken);
    }

    /// <summary>Row <paramref name="index"/> of <paramref name="table"/> in a row rented from <paramref name="scorer"/> (missing cells left unset).</summary>
    public static FeatureRow RowOf(RowScorer scorer, DataTable table, int index)
    {
        var row = scorer.RentRow();
        for (var i = 0; i < scorer.Signature.Count; i++)
        {
            switch (table[scorer.Signature[i].Name])
            {
                case NumericColumn numeric:
                    // NaN is passed through on purpose: RowScorer treats it as missing, like the batch path.
                    row.SetNumber(i, numeric.Values[index]);
                    break;
                case BooleanColumn { Values: var booleans } when booleans[index] is { } value:
                    row.SetBoolean(i, value);
                    break;
                case DateTimeColumn { Values: var dates } when dates[index] is { } value:
                    row.SetDateTime(i, value);
                    break;
                case StringColumn { Values: var texts } when texts[index] is { } value:
                    row.SetText(i, value);
                    break;
                default:
                    row.SetMissing(i);
                    break;
            }
        }

        return row;
    }

    public static TrainingOutcome Train(TaskKind task, string label, string trainer, string sizeParameter, IReadOnlyList<string> ignore) =>
        ModelTrainer.Train(Fraud(1500, seed: 5, heldOut: false), new TrainingSpec
        {
            Label = label,
            Task = task,
            Trainer = trainer,
            Ignore = ignore,
            Hyperparameters = new Dictionary<string, string> { [sizeParameter] = "20" },
            Validation = new ValidationSpec { Folds = 0 },
            Featurization = new FeaturizationSpec
            {
                HashBits = 6,
                Columns = new Dictionary<string, FeatureKind>
                {
                    ["country"] = FeatureKind.OneHot,
                    ["device_type"] = FeatureKind.Hash,
                    ["note"] = FeatureKind.Text,
                },
            },
        });

    private static DataTable Fraud(int rows, long seed, bool heldOut)
    {
        var t = FraudTransactionGenerator.Generate(rows, seed, FraudDrift.None).ToArray();
        bool Gap(int r, int every) => r % every == every - 1;
        string Country(int r) => heldOut && r % 10 == 3 ? UnseenCountry : t[r].Country;
        string Note(int r) => (heldOut && r % 7 == 2 ? "never seen words " : string.Empty) + $"{t[r].MerchantCategory} by {t[r].Channel} at hour {t[r].HourOfDay}";
        DataColumn[] columns =
        [
            new DateTimeColumn("timestamp", [.. Enumerable.Range(0, rows).Select(r => Gap(r, 37) ? (DateTime?)null : t[r].Timestamp)]),
            new NumericColumn("amount", [.. Enumerable.Range(0, rows).Select(r => Gap(r, 29) ? double.NaN : t[r].Amount)]),
            new StringColumn("merchant_category", ColumnType.Categorical, [.. Enumerable.Range(0, rows).Select(r => Gap(r, 41) ? null : t[r].MerchantCategory)]),
            new StringColumn("channel", ColumnType.Categorical, [.. t.Select(x => x.Channel)]),
            new BooleanColumn("card_present", [.. Enumerable.Range(0, rows).Select(r => Gap(r, 31) ? (bool?)null : t[r].CardPresent)]),
            new StringColumn("country", ColumnType.Categorical, [.. Enumerable.Range(0, rows).Select(Country)]),
            new BooleanColumn("is_foreign", [.. t.Select(x => (bool?)x.IsForeign)]),
            new NumericColumn("distance_from_home_km", [.. t.Select(x => x.DistanceFromHomeKm)]),
            new NumericColumn("txn_count_1h", [.. t.Select(x => (double)x.TxnCount1h)]),
            new NumericColumn("amount_to_avg_ratio", [.. t.Select(x => x.AmountToAvgRatio)]),
            new NumericColumn("account_age_days", [.. t.Select(x => (double)x.AccountAgeDays)]),
            new NumericColumn("failed_logins_24h", [.. t.Select(x => (double)x.FailedLogins24h)]),
            new StringColumn("device_type", ColumnType.Categorical, [.. t.Select(x => x.DeviceType)]),
            new StringColumn("note", ColumnType.Text, [.. Enumerable.Range(0, rows).Select(r => Gap(r, 23) ? null : Note(r))]),
            new BooleanColumn(FraudTransactionGenerator.LabelColumn, [.. t.Select(x => (bool?)x.IsFraud)]),
        ];
        return TestTables.Build(columns);
    }
}
