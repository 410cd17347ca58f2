using Gyre.Data.Synthetic;

namespace Gyre.Bench.Monitoring;

/// <summary>
/// The 20 benchmark columns of the fraud generator: 16 numeric (the 14 numeric fields plus card_present and
/// is_foreign as 0/1) and 4 categorical. Not the label, the id or the timestamp.
/// </summary>
internal static class BenchColumns
{
    public static IReadOnlyList<(string Name, Func<FraudTransaction, double> Value)> Numeric { get; } =
    [
        ("amount", t => t.Amount),
        ("card_present", t => t.CardPresent ? 1 : 0),
        ("is_foreign", t => t.IsForeign ? 1 : 0),
        ("distance_from_home_km", t => t.DistanceFromHomeKm),
        ("distance_from_last_txn_km", t => t.DistanceFromLastTxnKm),
        ("hour_of_day", t => t.HourOfDay),
        ("day_of_week", t => t.DayOfWeek),
        ("txn_count_1h", t => t.TxnCount1h),
        ("txn_count_24h", t => t.TxnCount24h),
        ("avg_amount_30d", t => t.AvgAmount30d),
        ("amount_to_avg_ratio", t => t.AmountToAvgRatio),
        ("account_age_days", t => t.AccountAgeDays),
        ("customer_age", t => t.CustomerAge),
        ("credit_limit", t => t.CreditLimit),
        ("utilization", t => t.Utilization),
        ("failed_logins_24h", t => t.FailedLogins24h),
    ];

    public static IReadOnlyList<(string Name, Func<FraudTransaction, string> Value)> Categorical { get; } =
    [
        ("merchant_category", t => t.MerchantCategory),
        ("channel", t => t.Channel),
        ("country", t => t.Country),
        ("device_type", t => t.DeviceType),
    ];
}
