using System.Globalization;
using System.Text;
using Gyre.Core;
using Gyre.Data.Files;

namespace Gyre.Data.Synthetic;

/// <summary>
/// Generates a synthetic card-fraud dataset: 22 features (numeric and categorical) and the label
/// <c>is_fraud</c> (0/1). Deterministic: the same seed, row count and drift give the same rows (and, written
/// as CSV, the same bytes). Features and label noise use two separate xoshiro256** streams, so for one seed
/// <see cref="FraudDrift.None"/> and <see cref="FraudDrift.Concept"/> share exactly the same features.
/// <para>
/// Fraud is labelled from the features alone by a non-linear rule with interactions (night-time online
/// spending far above the customer's average, foreign use of a new account, velocity spikes, failed logins,
/// impossible travel, card testing with tiny amounts), plus Gaussian noise on the logit, through a logistic.
/// About 3.5 % of rows are fraud (2–5 % for any seed at 10 000 rows or more) with <see cref="FraudDrift.None"/>
/// and <see cref="FraudDrift.Concept"/>; with <see cref="FraudDrift.Covariate"/> the unchanged rule meets riskier
/// traffic and about 6–7 % are fraud. A hidden per-row "compromised account" state (never written) makes risky
/// feature combinations common enough to learn from. On 200 000 rows (seed 7, half for training) scikit-learn's
/// HistGradientBoostingClassifier reaches ROC AUC 0.96 and a standardized LogisticRegression 0.93 (0.94 vs 0.79
/// under the concept rule).
/// </para>
/// </summary>
public static class FraudTransactionGenerator
{
    /// <summary>The CSV header, in column order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "transaction_id", "timestamp", "amount", "merchant_category", "channel", "card_present", "country", "is_foreign",
        "distance_from_home_km", "distance_from_last_txn_km", "hour_of_day", "day_of_week", "txn_count_1h", "txn_count_24h",
        "avg_amount_30d", "amount_to_avg_ratio", "account_age_days", "customer_age", "device_type", "credit_limit", "utilization",
        "failed_logins_24h", "is_fraud",
    ];

    /// <summary>The label column's name.</summary>
    public const string LabelColumn = "is_fraud";

    /// <summary>Merchant categories; "cash" is used for ATM withdrawals only.</summary>
    public static IReadOnlyList<string> MerchantCategories { get; } =
    [
        "grocery", "gas_transport", "restaurants", "retail", "online_shopping", "travel", "entertainment",
        "electronics", "health", "home_improvement", "jewelry", "digital_goods", "cash",
    ];

    private static readonly double[] CategoryWeights = [18, 12, 14, 12, 10, 4, 6, 5, 7, 5, 2, 5];
    private static readonly double[] CovariateCategoryWeights = [10, 8, 9, 10, 16, 6, 6, 11, 5, 4, 5, 10];
    private static readonly double[] CategoryLogMean = [3.6, 3.7, 3.4, 4.0, 4.1, 5.6, 3.5, 5.0, 3.9, 4.5, 5.6, 3.0];
    private static readonly string[] ForeignCountries = ["GB", "DE", "FR", "CA", "MX", "BR", "IN", "NG", "CN", "RU"];
    private static readonly double[] ForeignWeights = [14, 10, 10, 20, 15, 8, 8, 5, 5, 5];
    private static readonly double[] CreditLimits = [1000, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000];
    private static readonly double[] CreditLimitWeights = [5, 10, 12, 18, 15, 15, 12, 8, 5];
    private static readonly double[] HourWeights = [0.5, 0.4, 0.3, 0.3, 0.3, 0.5, 1.5, 3, 5, 5, 5, 5, 6, 6, 5, 5, 5, 5, 5.5, 5.5, 5.5, 3.5, 2.5, 1.5];
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const double CompromisedRate = 0.10;
    private const double LabelNoise = 0.4;

    // Intercepts calibrated on 1,000,000 rows (seed 1) so each rule labels about 3.5 % of rows fraud.
    private const double ReferenceIntercept = -5.37;
    private const double ConceptIntercept = -5.72;

    /// <summary>
    /// Writes <paramref name="rows"/> transactions as CSV (header, LF line ends, invariant culture) to
    /// <paramref name="path"/>, streaming row by row, atomically (temp file in the same folder, then move).
    /// Throws InvalidInput when <paramref name="rows"/> is below 1.
    /// </summary>
    public static async Task WriteCsvAsync(string path, long rows, long seed, FraudDrift drift, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfBadRowCount(rows);
        await AtomicFile.WriteAsync(path, async writer =>
        {
            await writer.WriteLineAsync(string.Join(',', ColumnNames).AsMemory(), cancellationToken);
            var line = new StringBuilder(256);
            foreach (var t in Generate(rows, seed, drift))
            {
                line.Clear();
                AppendCsv(line, t);
                await writer.WriteAsync(line, cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>The transactions, lazily (constant memory). Throws InvalidInput when <paramref name="rows"/> is below 1.</summary>
    public static IEnumerable<FraudTransaction> Generate(long rows, long seed, FraudDrift drift)
    {
        ThrowIfBadRowCount(rows);
        return GenerateIterator(rows, seed, drift);
    }

    /// <summary>The labelling rule's logit before noise, for the given drift (None and Covariate share one rule).</summary>
    public static double FraudLogit(FraudTransaction t, FraudDrift drift)
    {
        ArgumentNullException.ThrowIfNull(t);
        return drift == FraudDrift.Concept ? ConceptLogit(t) : ReferenceLogit(t);
    }

    private static IEnumerable<FraudTransaction> GenerateIterator(long rows, long seed, FraudDrift drift)
    {
        var features = new SeededRandom(seed);
        var noise = new SeededRandom(unchecked(seed ^ 0x5DEECE66DL) + 1);
        for (long i = 0; i < rows; i++)
        {
            var t = SampleFeatures(features, i, rows, drift == FraudDrift.Covariate);
            var logit = FraudLogit(t, drift) + (LabelNoise * noise.NextGaussian());
            var isFraud = noise.NextDouble() < 1.0 / (1.0 + Math.Exp(-logit));
            yield return t with { IsFraud = isFraud };
        }
    }

    private static FraudTransaction SampleFeatures(SeededRandom r, long index, long rows, bool covariate)
    {
        var compromised = r.Chance(CompromisedRate);

        var onlineShare = compromised ? 0.75 : 0.42;
        var atmShare = compromised ? 0.05 : 0.08;
        if (covariate)
        {
            onlineShare = Math.Min(0.9, onlineShare + 0.18);
        }

        var channelDraw = r.NextDouble();
        var channel = channelDraw < onlineShare ? "online" : channelDraw < onlineShare + atmShare ? "atm" : "pos";
        var cardPresent = channel switch { "online" => false, "atm" => true, _ => r.Chance(0.97) };
        var device = channel == "online" ? r.Pick([60, 33, 7]) switch { 0 => "mobile", 1 => "desktop", _ => "tablet" } : "none";

        var categoryIndex = channel == "atm" ? MerchantCategories.Count - 1 : r.Pick(covariate ? CovariateCategoryWeights : CategoryWeights);
        var category = MerchantCategories[categoryIndex];
        var categoryLogMean = channel == "atm" ? 4.6 : CategoryLogMean[categoryIndex];

        var hourWeights = HourWeights;
        if (compromised || covariate)
        {
            var nightBoost = compromised ? 8.0 : 2.5;
            hourWeights = [.. HourWeights.Select((w, h) => IsNight(h) ? w * nightBoost : w)];
        }

        var hour = r.Pick(hourWeights);
        var day = (int)(index * 90 / rows);
        var timestamp = Start.AddDays(day).AddHours(hour).AddMinutes(r.NextInt(60)).AddSeconds(r.NextInt(60));

        var foreignShare = compromised ? 0.35 : covariate ? 0.15 : 0.06;
        var isForeign = r.Chance(foreignShare);
        var country = isForeign ? ForeignCountries[r.Pick(ForeignWeights)] : "US";
        var distanceFromHome = isForeign ? 300 + r.LogNormal(7.3, 0.6) : r.LogNormal(2.3, 1.0);
        var distanceFromLast = compromised && r.Chance(0.3) ? r.LogNormal(6.5, 0.8) : r.LogNormal(1.5, 1.3);

        var average = r.LogNormal(4.0, 0.6);
        var amount = r.LogNormal((0.5 * Math.Log(average)) + (0.5 * categoryLogMean) + (covariate ? 0.45 : 0), 0.7);
        if (compromised)
        {
            // Card testing (many tiny charges) or cash-out (large ones): fraud sits at both ends of the amount range.
            amount = r.Chance(0.35) ? 1 + (9 * r.NextDouble()) : amount * r.LogNormal(1.0, 0.6);
        }

        amount = Math.Max(0.5, Math.Round(amount, 2));
        average = Math.Round(average, 2);

        var newShare = compromised ? 0.35 : covariate ? 0.15 : 0.08;
        var accountAge = r.Chance(newShare) ? 1 + r.NextInt(60) : 60 + r.NextInt(3940);
        var customerAge = (int)Math.Clamp(Math.Round(44 + (15 * r.NextGaussian())), 18, 95);
        var creditLimit = CreditLimits[r.Pick(CreditLimitWeights)];
        var utilization = Math.Pow(r.NextDouble(), 1.6);
        var count1h = r.Poisson(compromised ? 2.5 : 0.3);
        var count24h = count1h + r.Poisson(2.0);
        var failedLogins = channel == "online" ? r.Poisson(compromised ? 1.2 : 0.05) : r.Poisson(0.01);

        return new FraudTransaction(
            TransactionId: string.Create(CultureInfo.InvariantCulture, $"txn_{index + 1:D8}"),
            Timestamp: timestamp,
            Amount: amount,
            MerchantCategory: category,
            Channel: channel,
            CardPresent: cardPresent,
            Country: country,
            IsForeign: isForeign,
            DistanceFromHomeKm: Math.Round(distanceFromHome, 1),
            DistanceFromLastTxnKm: Math.Round(distanceFromLast, 1),
            HourOfDay: hour,
            DayOfWeek: ((int)timestamp.DayOfWeek + 6) % 7,
            TxnCount1h: count1h,
            TxnCount24h: count24h,
            AvgAmount30d: average,
            AmountToAvgRatio: Math.Round(amount / average, 3),
            AccountAgeDays: accountAge,
            CustomerAge: customerAge,
            DeviceType: device,
            CreditLimit: creditLimit,
            Utilization: Math.Round(utilization, 3),
            FailedLogins24h: failedLogins,
            IsFraud: false);
    }

    private static double ReferenceLogit(FraudTransaction t)
    {
        var online = t.Channel == "online";
        var night = IsNight(t.HourOfDay);
        var riskyMerchant = t.MerchantCategory is "electronics" or "jewelry" or "digital_goods";
        var logit = ReferenceIntercept;
        logit += t.AmountToAvgRatio > 3 && night && online ? 5.5 : 0;
        logit += t.IsForeign && t.AccountAgeDays < 60 ? 5.0 : 0;
        logit += t.TxnCount1h >= 3 && t.Amount < 10 ? 5.0 : 0;
        logit += t.FailedLogins24h >= 2 && online ? 4.0 : 0;
        logit += riskyMerchant && t.AmountToAvgRatio > 2.5 ? 3.0 : 0;
        logit += t.DistanceFromLastTxnKm > 500 && t.TxnCount24h >= 4 ? 3.0 : 0;
        logit -= t.CardPresent && !t.IsForeign ? 1.5 : 0;
        return logit;
    }

    private static double ConceptLogit(FraudTransaction t)
    {
        var online = t.Channel == "online";
        var everydayMerchant = t.MerchantCategory is "gas_transport" or "grocery" or "retail" or "restaurants";
        var logit = ConceptIntercept;
        logit += t.CardPresent && t.AmountToAvgRatio > 2 && everydayMerchant ? 5.5 : 0;
        logit += t.CustomerAge >= 65 && online && t.Amount > 120 ? 6.0 : 0;
        logit += t.Channel == "atm" && t.Utilization > 0.7 ? 5.5 : 0;
        logit += t.AccountAgeDays > 2500 && t.DistanceFromHomeKm > 50 && !t.IsForeign ? 3.5 : 0;
        logit += t.HourOfDay is >= 10 and <= 16 && t.TxnCount24h >= 5 ? 2.5 : 0;
        logit -= online && IsNight(t.HourOfDay) ? 1.5 : 0;
        return logit;
    }

    /// <summary>22:00 to 04:59.</summary>
    private static bool IsNight(int hour) => hour is >= 22 or <= 4;

    private static void AppendCsv(StringBuilder line, FraudTransaction t)
    {
        var c = CultureInfo.InvariantCulture;
        line.Append(c, $"{t.TransactionId},{t.Timestamp:yyyy-MM-dd'T'HH:mm:ss'Z'},{t.Amount:0.00},{t.MerchantCategory},{t.Channel},");
        line.Append(c, $"{(t.CardPresent ? 1 : 0)},{t.Country},{(t.IsForeign ? 1 : 0)},{t.DistanceFromHomeKm:0.0},{t.DistanceFromLastTxnKm:0.0},");
        line.Append(c, $"{t.HourOfDay},{t.DayOfWeek},{t.TxnCount1h},{t.TxnCount24h},{t.AvgAmount30d:0.00},{t.AmountToAvgRatio:0.000},");
        line.Append(c, $"{t.AccountAgeDays},{t.CustomerAge},{t.DeviceType},{t.CreditLimit:0},{t.Utilization:0.000},{t.FailedLogins24h},");
        line.Append(t.IsFraud ? '1' : '0').Append('\n');
    }

    private static void ThrowIfBadRowCount(long rows)
    {
        if (rows < 1)
        {
            throw GyreException.InvalidInput($"Parameter 'rows': {rows} is not a valid row count; generate at least 1 row.");
        }
    }
}
