namespace Gyre.Data.Synthetic;

/// <summary>
/// One synthetic card transaction. Amounts are in a single currency unit; distances in kilometres;
/// <see cref="Timestamp"/> is UTC; <see cref="Utilization"/> is the fraction of the credit limit in use (0–1).
/// </summary>
public sealed record FraudTransaction(
    string TransactionId,
    DateTime Timestamp,
    double Amount,
    string MerchantCategory,
    string Channel,
    bool CardPresent,
    string Country,
    bool IsForeign,
    double DistanceFromHomeKm,
    double DistanceFromLastTxnKm,
    int HourOfDay,
    int DayOfWeek,
    int TxnCount1h,
    int TxnCount24h,
    double AvgAmount30d,
    double AmountToAvgRatio,
    int AccountAgeDays,
    int CustomerAge,
    string DeviceType,
    double CreditLimit,
    double Utilization,
    int FailedLogins24h,
    bool IsFraud);
