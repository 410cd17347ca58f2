using System.Data.Common;
using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Stores.Sql;

/// <remarks>
/// The inference log lives in <c>inference_log</c> (append-only; <c>id</c> follows append order) and
/// <c>inference_feedback</c> (one label per endpoint and request id), joined when read: feedback may be written
/// before its record. Searches walk the <c>(endpoint, time, id)</c> index and page by keyset
/// (see <see cref="InferencePageToken"/>).
/// </remarks>
public abstract partial class SqlTrackingStore : IInferenceLogStore
{
    private const string LoggedInferenceColumns =
        "l.id, l.request_id, l.time, l.endpoint, l.model_name, l.model_version, l.variant, l.inputs_json, l.outputs_json, l.latency_ms, f.label_json, f.time";

    private static readonly string[] InferenceLogColumns =
        ["endpoint", "request_id", "time", "model_name", "variant", "inputs_json", "outputs_json", "latency_ms"];

    private static readonly string[] VersionedInferenceLogColumns = [.. InferenceLogColumns, "model_version"];

    /// <summary>
    /// Validates every record first (InvalidInput naming the field and the record's index; nothing is written),
    /// then appends them in one transaction with the dialect's bulk insert (SQLite: one prepared statement reused
    /// per row; PostgreSQL: column arrays, thousands of rows per statement), in list order.
    /// </summary>
    public async Task AppendInferencesAsync(IReadOnlyList<InferenceRecord> records, CancellationToken cancellationToken)
    {
        InferenceLogValidation.ValidateRecords(records);
        if (records.Count == 0)
        {
            return;
        }

        await WriteAsync(
            async session =>
            {
                // Bulk rows cannot carry NULL, so runs of records without a model version are inserted without the
                // column; consecutive runs keep ids in list order.
                var start = 0;
                while (start < records.Count)
                {
                    var versioned = records[start].ModelVersion is not null;
                    var end = start + 1;
                    while (end < records.Count && (records[end].ModelVersion is not null) == versioned)
                    {
                        end++;
                    }

                    await session.InsertRowsAsync(InferenceInsert(records, start, end - start, versioned), cancellationToken);
                    start = end;
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Validates every item first, then upserts them in one transaction: for one (endpoint, request id) the later
    /// write wins, within a batch the later item. A label's record need not exist (yet).
    /// </summary>
    public async Task AppendFeedbackAsync(IReadOnlyList<InferenceFeedback> feedback, CancellationToken cancellationToken)
    {
        InferenceLogValidation.ValidateFeedback(feedback);
        var latest = new Dictionary<(string Endpoint, string RequestId), InferenceFeedback>();
        foreach (var item in feedback)
        {
            latest[(item.Endpoint, item.RequestId)] = item;
        }

        // Key order: concurrent writers lock the same rows in the same order (no deadlock).
        var ordered = latest.Values
            .OrderBy(f => f.Endpoint, StringComparer.Ordinal)
            .ThenBy(f => f.RequestId, StringComparer.Ordinal)
            .ToList();
        if (ordered.Count == 0)
        {
            return;
        }

        await WriteAsync(
            async session =>
            {
                var perCommand = Math.Max(1, session.Dialect.MaxParameters / 4);
                for (var start = 0; start < ordered.Count; start += perCommand)
                {
                    var part = ordered.GetRange(start, Math.Min(perCommand, ordered.Count - start));
                    var rows = new SqlRows(part.Count)
                        .Add(part.Select(f => f.Endpoint).ToArray())
                        .Add(part.Select(f => f.RequestId).ToArray())
                        .Add(part.Select(f => f.LabelJson).ToArray())
                        .Add(part.Select(f => f.Time).ToArray());
                    await using var upsert = session.Command("");
                    upsert.CommandText = $"""
                        WITH s (endpoint, request_id, label_json, time) AS ({session.Dialect.RowSource(upsert, rows)})
                        INSERT INTO inference_feedback (endpoint, request_id, label_json, time)
                        SELECT endpoint, request_id, label_json, time FROM s WHERE true
                        ON CONFLICT (endpoint, request_id) DO UPDATE SET label_json = excluded.label_json, time = excluded.time
                        """;
                    await upsert.ExecuteNonQueryAsync(cancellationToken);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// One endpoint's records matching the query, by time then append order, each with its latest label. InvalidInput
    /// for a missing endpoint, <paramref name="maxResults"/> outside 1..10000 (naming 'max_results') or a malformed
    /// page token. Records appended after a page was read appear on later pages when they sort after it.
    /// </summary>
    public async Task<Page<LoggedInference>> SearchInferencesAsync(InferenceQuery query, int maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        InferenceLogValidation.ValidateQuery(query, maxResults);
        var after = InferencePageToken.Decode(pageToken);
        await Dialect.PrepareSearchAsync(cancellationToken);
        var sql = new SqlQueryBuilder(Dialect);
        sql.Joins.Add((query.LabeledOnly ? "JOIN" : "LEFT JOIN") + " inference_feedback f ON f.endpoint = l.endpoint AND f.request_id = l.request_id");
        sql.Conditions.Add($"l.endpoint = {sql.Parameter(query.Endpoint)}");
        if (query.ModelVersion is { } version)
        {
            sql.Conditions.Add($"l.model_version = {sql.Parameter(version)}");
        }

        if (query.Variant is { } variant)
        {
            sql.Conditions.Add($"l.variant = {sql.Parameter(variant)}");
        }

        if (query.FromTime is { } from)
        {
            sql.Conditions.Add($"l.time >= {sql.Parameter(from)}");
        }

        if (query.ToTime is { } to)
        {
            sql.Conditions.Add($"l.time < {sql.Parameter(to)}");
        }

        if (after is { } last)
        {
            var comparison = query.NewestFirst ? "<" : ">";
            sql.Conditions.Add($"(l.time, l.id) {comparison} ({sql.Parameter(last.Time)}, {sql.Parameter(last.Id)})");
        }

        sql.Order.Add(query.NewestFirst ? "l.time DESC" : "l.time");
        sql.Order.Add(query.NewestFirst ? "l.id DESC" : "l.id");

        // One row past the page tells whether another page follows.
        var text = sql.ToSql(LoggedInferenceColumns, "inference_log l", maxResults + 1L, 0);
        var rows = await ReadAsync(session => session.QueryAsync(text, ReadLoggedInference, cancellationToken, sql.Parameters), cancellationToken);
        if (rows.Count <= maxResults)
        {
            return new Page<LoggedInference>([.. rows.Select(r => r.Inference)], null);
        }

        var lastOnPage = rows[maxResults - 1];
        return new Page<LoggedInference>(
            [.. rows.Take(maxResults).Select(r => r.Inference)],
            InferencePageToken.Encode(lastOnPage.Inference.Record.Time, lastOnPage.Id));
    }

    /// <summary>Records <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 as bulk rows, with their model versions when <paramref name="versioned"/>.</summary>
    private static SqlInsert InferenceInsert(IReadOnlyList<InferenceRecord> records, int start, int count, bool versioned)
    {
        var endpoints = new string[count];
        var requestIds = new string[count];
        var times = new long[count];
        var modelNames = new string[count];
        var variants = new string[count];
        var inputs = new string[count];
        var outputs = new string[count];
        var latencies = new double[count];
        var versions = new int[count];
        for (var i = 0; i < count; i++)
        {
            var record = records[start + i];
            endpoints[i] = record.Endpoint;
            requestIds[i] = record.RequestId;
            times[i] = record.Time;
            modelNames[i] = record.ModelName;
            variants[i] = record.Variant;
            inputs[i] = record.InputsJson;
            outputs[i] = record.OutputsJson;
            latencies[i] = record.LatencyMs;
            versions[i] = record.ModelVersion ?? 0;
        }

        var rows = new SqlRows(count).Add(endpoints).Add(requestIds).Add(times).Add(modelNames).Add(variants).Add(inputs).Add(outputs).Add(latencies);
        return versioned
            ? new SqlInsert("inference_log", [], VersionedInferenceLogColumns, rows.Add(versions))
            : new SqlInsert("inference_log", [], InferenceLogColumns, rows);
    }

    private static (long Id, LoggedInference Inference) ReadLoggedInference(DbDataReader reader) =>
        (reader.GetInt64(0),
         new LoggedInference(
             new InferenceRecord(
                 RequestId: reader.GetString(1),
                 Time: reader.GetInt64(2),
                 Endpoint: reader.GetString(3),
                 ModelName: reader.GetString(4),
                 ModelVersion: reader.IsDBNull(5) ? null : reader.GetInt32(5),
                 Variant: reader.GetString(6),
                 InputsJson: reader.GetString(7),
                 OutputsJson: reader.GetString(8),
                 LatencyMs: reader.GetDouble(9)),
             reader.IsDBNull(10) ? null : reader.GetString(10),
             reader.IsDBNull(11) ? null : reader.GetInt64(11)));
}
