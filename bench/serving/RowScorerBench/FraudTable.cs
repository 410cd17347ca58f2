using Gyre.Data.Synthetic;
using Gyre.Data.Tables;

namespace Gyre.Bench.RowScorer;

/// <summary>Fraud-generator rows as a table: every generated column except transaction_id (an identifier).</summary>
internal static class FraudTable
{
    public static DataTable Generate(int rows, long seed)
    {
        var t = FraudTransactionGenerator.Generate(rows, seed, FraudDrift.None).ToArray();
        DataColumn[] columns =
        [
            new DateTimeColumn("timestamp", [.. t.Select(x => (DateTime?)x.Timestamp)]),
            new NumericColumn("amount", [.. t.Select(x => x.Amount)]),
            Text("merchant_category", t.Select(x => x.MerchantCategory)),
            Text("channel", t.Select(x => x.Channel)),
            new BooleanColumn("card_present", [.. t.Select(x => (bool?)x.CardPresent)]),
            Text("country", t.Select(x => x.Country)),
            new BooleanColumn("is_foreign", [.. t.Select(x => (bool?)x.IsForeign)]),
            new NumericColumn("distance_from_home_km", [.. t.Select(x => x.DistanceFromHomeKm)]),
            new NumericColumn("distance_from_last_txn_km", [.. t.Select(x => x.DistanceFromLastTxnKm)]),
            new NumericColumn("hour_of_day", [.. t.Select(x => (double)x.HourOfDay)]),
            new NumericColumn("day_of_week", [.. t.Select(x => (double)x.DayOfWeek)]),
            new NumericColumn("txn_count_1h", [.. t.Select(x => (double)x.TxnCount1h)]),
            new NumericColumn("txn_count_24h", [.. t.Select(x => (double)x.TxnCount24h)]),
            new NumericColumn("avg_amount_30d", [.. t.Select(x => x.AvgAmount30d)]),
            new NumericColumn("amount_to_avg_ratio", [.. t.Select(x => x.AmountToAvgRatio)]),
            new NumericColumn("account_age_days", [.. t.Select(x => (double)x.AccountAgeDays)]),
            new NumericColumn("customer_age", [.. t.Select(x => (double)x.CustomerAge)]),
            Text("device_type", t.Select(x => x.DeviceType)),
            new NumericColumn("credit_limit", [.. t.Select(x => x.CreditLimit)]),
            new NumericColumn("utilization", [.. t.Select(x => x.Utilization)]),
            new NumericColumn("failed_logins_24h", [.. t.Select(x => (double)x.FailedLogins24h)]),
            new BooleanColumn(FraudTransactionGenerator.LabelColumn, [.. t.Select(x => (bool?)x.IsFraud)]),
        ];
        return new DataTable(new DatasetSchema([.. columns.Select(c => new ColumnSchema(c.Name, c.Type))]), columns);
    }

    private static StringColumn Text(string name, IEnumerable<string> values) => new(name, ColumnType.Categorical, [.. values]);
}
