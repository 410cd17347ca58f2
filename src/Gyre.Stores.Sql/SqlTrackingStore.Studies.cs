using System.Data.Common;
using System.Globalization;
using Gyre.Core;
using Gyre.Tuning;

namespace Gyre.Stores.Sql;

/// <remarks>
/// <see cref="IStudyStorage"/>: studies and trials in the tracking database (schema v5). Trial numbers are
/// assigned, and stale trials failed, with the study row locked for update (PostgreSQL) or under the
/// database write lock (SQLite), so concurrent workers in any number of processes queue there: numbers
/// stay gap-free and each stale trial is failed once. Trial writes lock the trial row and refuse a trial
/// that is no longer Running. Every time (start, heartbeat, end, the staleness cut-off) comes from the
/// store's <see cref="TimeProvider"/>.
/// </remarks>
public abstract partial class SqlTrackingStore : IStudyStorage
{
    /// <summary>The lock key ("gyre" then 5) that serialises study creation (names).</summary>
    private const long StudiesLockKey = 0x6779_7265_0000_0005;

    /// <inheritdoc />
    public Task<long> CreateStudyAsync(string name, StudyDirection direction, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var directionText = DirectionText(direction);
        return WriteAsync(
            async session =>
            {
                await session.LockAsync(StudiesLockKey, cancellationToken);
                var existing = await session.QueryAsync(
                    "SELECT id, direction FROM studies WHERE name = @name",
                    r => (Id: Int64At(r, 0), Direction: r.GetString(1)),
                    cancellationToken,
                    ("@name", name));
                if (existing.Count > 0)
                {
                    var (id, stored) = existing[0];
                    return stored == directionText
                        ? id
                        : throw GyreException.InvalidInput($"Study '{name}' exists with direction {ParseDirection(stored)}, not {direction}.");
                }

                await session.ExecuteAsync(
                    "INSERT INTO studies (name, direction, created_at) VALUES (@name, @direction, @now)",
                    cancellationToken,
                    ("@name", name),
                    ("@direction", directionText),
                    ("@now", NowMilliseconds()));
                return Convert.ToInt64(await session.ScalarAsync("SELECT id FROM studies WHERE name = @name", cancellationToken, ("@name", name)), CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StudySummary?> FindStudyAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var studies = await ReadAsync(session => ReadStudiesAsync(session, "WHERE s.name = @name", ("@name", name), cancellationToken), cancellationToken);
        return studies.Count == 0 ? null : studies[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StudySummary>> ListStudiesAsync(CancellationToken cancellationToken) =>
        await ReadAsync(session => ReadStudiesAsync(session, "", null, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task SetStudyUserAttrAsync(long studyId, string key, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return WriteAsync(
            async session =>
            {
                await RequireStudyAsync(session, studyId, RowLock.Share, cancellationToken);
                await session.ExecuteAsync(
                    "INSERT INTO study_user_attrs (study_id, key, value) VALUES (@study, @key, @value) ON CONFLICT (study_id, key) DO UPDATE SET value = excluded.value",
                    cancellationToken,
                    ("@study", studyId),
                    ("@key", key),
                    ("@value", value));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int?> TryCreateTrialAsync(long studyId, int? trialBudget, CancellationToken cancellationToken) =>
        WriteAsync<int?>(
            async session =>
            {
                // The study row lock (SQLite: the write lock) serialises every trial creation of the study, so the
                // count and the next number read below stay true until this transaction commits.
                await RequireStudyAsync(session, studyId, RowLock.Update, cancellationToken);
                var counts = await session.QueryAsync(
                    "SELECT COUNT(*), COALESCE(MAX(number), -1), COALESCE(SUM(CASE WHEN state = 'FAIL' THEN 1 ELSE 0 END), 0) FROM trials WHERE study_id = @study",
                    r => (Total: Int64At(r, 0), Max: Int64At(r, 1), Failed: Int64At(r, 2)),
                    cancellationToken,
                    ("@study", studyId));
                var (total, max, failed) = counts[0];
                if (trialBudget is { } budget && total - failed >= budget)
                {
                    return null;
                }

                var number = checked((int)(max + 1));
                var now = NowMilliseconds();
                await session.ExecuteAsync(
                    "INSERT INTO trials (study_id, number, state, started_at, heartbeat_at) VALUES (@study, @number, 'RUNNING', @now, @now)",
                    cancellationToken,
                    ("@study", studyId),
                    ("@number", number),
                    ("@now", now));
                return number;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task SetParamAsync(long studyId, int trialNumber, string name, Tuning.Distributions.ParameterDistribution distribution, double internalValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var json = StudyDistributionJson.Write(distribution);
        return WriteRunningTrialAsync(
            studyId,
            trialNumber,
            "INSERT INTO trial_params (study_id, number, name, distribution_json, internal_value) VALUES (@study, @number, @name, @json, @value) "
            + "ON CONFLICT (study_id, number, name) DO UPDATE SET distribution_json = excluded.distribution_json, internal_value = excluded.internal_value",
            cancellationToken,
            ("@name", name),
            ("@json", json),
            ("@value", internalValue));
    }

    /// <inheritdoc />
    public Task ReportIntermediateAsync(long studyId, int trialNumber, long stepIndex, double value, CancellationToken cancellationToken) =>
        WriteRunningTrialAsync(
            studyId,
            trialNumber,
            "INSERT INTO trial_intermediate_values (study_id, number, step, value) VALUES (@study, @number, @step, @value) "
            + "ON CONFLICT (study_id, number, step) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("@step", stepIndex),
            ("@value", double.IsNaN(value) ? null : value));

    /// <inheritdoc />
    public Task SetTrialUserAttrAsync(long studyId, int trialNumber, string key, string value, CancellationToken cancellationToken) =>
        SetTrialAttrAsync("trial_user_attrs", studyId, trialNumber, key, value, cancellationToken);

    /// <inheritdoc />
    public Task SetTrialSystemAttrAsync(long studyId, int trialNumber, string key, string value, CancellationToken cancellationToken) =>
        SetTrialAttrAsync("trial_system_attrs", studyId, trialNumber, key, value, cancellationToken);

    /// <inheritdoc />
    public Task FinishTrialAsync(long studyId, int trialNumber, TrialState state, double? value, string? errorMessage, CancellationToken cancellationToken)
    {
        if (state is not (TrialState.Complete or TrialState.Pruned or TrialState.Fail))
        {
            throw GyreException.InvalidInput($"Trial {trialNumber}: cannot finish with state {state}.");
        }

        return WriteRunningTrialAsync(
            studyId,
            trialNumber,
            "UPDATE trials SET state = @state, value = @value, error_message = @error, completed_at = @now WHERE study_id = @study AND number = @number",
            cancellationToken,
            ("@state", StateText(state)),
            ("@value", value is { } v && !double.IsNaN(v) ? v : null),
            ("@error", errorMessage),
            ("@now", NowMilliseconds()));
    }

    /// <inheritdoc />
    public Task RecordHeartbeatAsync(long studyId, int trialNumber, CancellationToken cancellationToken) =>
        WriteRunningTrialAsync(
            studyId,
            trialNumber,
            "UPDATE trials SET heartbeat_at = @now WHERE study_id = @study AND number = @number",
            cancellationToken,
            ("@now", NowMilliseconds()));

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> FailStaleTrialsAsync(long studyId, TimeSpan gracePeriod, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<int>>(
            async session =>
            {
                // Failing workers queue on the study row, so the second one no longer sees the trials the first failed.
                await RequireStudyAsync(session, studyId, RowLock.Update, cancellationToken);
                var now = NowMilliseconds();
                var cutoff = now - (long)gracePeriod.TotalMilliseconds;
                var stale = await session.QueryAsync(
                    "SELECT number FROM trials WHERE study_id = @study AND state = 'RUNNING' AND heartbeat_at < @cutoff ORDER BY number",
                    r => Int32At(r, 0),
                    cancellationToken,
                    ("@study", studyId),
                    ("@cutoff", cutoff));
                if (stale.Count > 0)
                {
                    await session.ExecuteAsync(
                        "UPDATE trials SET state = 'FAIL', error_message = @error, completed_at = @now "
                        + "WHERE study_id = @study AND state = 'RUNNING' AND heartbeat_at < @cutoff",
                        cancellationToken,
                        ("@error", StaleTrials.ErrorMessage(gracePeriod)),
                        ("@now", now),
                        ("@study", studyId),
                        ("@cutoff", cutoff));
                }

                return stale;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<FrozenTrial>> GetTrialsAsync(long studyId, int fromNumber, CancellationToken cancellationToken) =>
        await ReadAsync(
            async session =>
            {
                await RequireStudyAsync(session, studyId, rowLock: null, cancellationToken);
                return await ReadTrialsAsync(session, studyId, "number >= @number", Math.Max(0, fromNumber), cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<FrozenTrial> GetTrialAsync(long studyId, int trialNumber, CancellationToken cancellationToken) =>
        ReadAsync(
            async session =>
            {
                await RequireStudyAsync(session, studyId, rowLock: null, cancellationToken);
                var trials = await ReadTrialsAsync(session, studyId, "number = @number", trialNumber, cancellationToken);
                return trials.Count == 1 ? trials[0] : throw TrialNotFound(studyId, trialNumber);
            },
            cancellationToken);

    private Task SetTrialAttrAsync(string table, long studyId, int trialNumber, string key, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return WriteRunningTrialAsync(
            studyId,
            trialNumber,
            $"INSERT INTO {table} (study_id, number, key, value) VALUES (@study, @number, @key, @value) ON CONFLICT (study_id, number, key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("@key", key),
            ("@value", value));
    }

    /// <summary>
    /// In one transaction: locks the trial row, checks it is Running (NotFound / InvalidState otherwise) and runs
    /// <paramref name="sql"/> with <c>@study</c>, <c>@number</c> and <paramref name="parameters"/>.
    /// </summary>
    private Task WriteRunningTrialAsync(long studyId, int trialNumber, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        WriteAsync(
            async session =>
            {
                var state = (string?)await session.ScalarAsync(
                    "SELECT state FROM trials WHERE study_id = @study AND number = @number" + session.Dialect.RowLockSuffix(RowLock.Update),
                    cancellationToken,
                    ("@study", studyId),
                    ("@number", trialNumber));
                if (state is null)
                {
                    await RequireStudyAsync(session, studyId, rowLock: null, cancellationToken);
                    throw TrialNotFound(studyId, trialNumber);
                }

                if (state != "RUNNING")
                {
                    throw GyreException.InvalidState($"Trial {trialNumber} of study {studyId} is already finished ({ParseState(state)}).");
                }

                await session.ExecuteAsync(sql, cancellationToken, [("@study", studyId), ("@number", trialNumber), .. parameters]);
            },
            cancellationToken);

    /// <summary>NotFound for an unknown study id; locks the row as <paramref name="rowLock"/> when given.</summary>
    private static async Task RequireStudyAsync(SqlSession session, long studyId, RowLock? rowLock, CancellationToken cancellationToken)
    {
        var suffix = rowLock is { } mode ? session.Dialect.RowLockSuffix(mode) : "";
        if (await session.ScalarAsync("SELECT id FROM studies WHERE id = @study" + suffix, cancellationToken, ("@study", studyId)) is null)
        {
            throw GyreException.NotFound($"Study {studyId} does not exist.");
        }
    }

    private static GyreException TrialNotFound(long studyId, int trialNumber) =>
        GyreException.NotFound($"Trial {trialNumber} does not exist in study {studyId}.");

    private static async Task<List<StudySummary>> ReadStudiesAsync(SqlSession session, string where, (string Name, object? Value)? parameter, CancellationToken cancellationToken)
    {
        (string, object?)[] parameters = parameter is { } p ? [p] : [];
        var rows = await session.QueryAsync(
            $"SELECT s.id, s.name, s.direction, s.created_at FROM studies s {where} ORDER BY s.name",
            r => (Id: Int64At(r, 0), Name: r.GetString(1), Direction: r.GetString(2), CreatedAt: Int64At(r, 3)),
            cancellationToken,
            parameters);
        var attrs = await session.QueryAsync(
            $"SELECT a.study_id, a.key, a.value FROM study_user_attrs a JOIN studies s ON s.id = a.study_id {where}",
            r => (Id: Int64At(r, 0), Key: r.GetString(1), Value: r.GetString(2)),
            cancellationToken,
            parameters);
        var attrsById = attrs.ToLookup(a => a.Id);
        return
        [
            .. rows
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => new StudySummary(
                    r.Id,
                    r.Name,
                    ParseDirection(r.Direction),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
                    attrsById[r.Id].ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal))),
        ];
    }

    private static async Task<List<FrozenTrial>> ReadTrialsAsync(SqlSession session, long studyId, string numberCondition, int number, CancellationToken cancellationToken)
    {
        (string, object?)[] parameters = [("@study", studyId), ("@number", number)];
        var where = $"WHERE study_id = @study AND {numberCondition}";
        var trials = await session.QueryAsync(
            $"SELECT number, state, value, error_message, started_at, completed_at FROM trials {where} ORDER BY number",
            r => new TrialRow(
                Int32At(r, 0),
                ParseState(r.GetString(1)),
                r.IsDBNull(2) ? null : r.GetDouble(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                Int64At(r, 4),
                r.IsDBNull(5) ? null : Int64At(r, 5)),
            cancellationToken,
            parameters);
        if (trials.Count == 0)
        {
            return [];
        }

        var paramRows = await session.QueryAsync(
            $"SELECT number, name, distribution_json, internal_value FROM trial_params {where}",
            r => (Number: Int32At(r, 0), Name: r.GetString(1), Json: r.GetString(2), Value: r.GetDouble(3)),
            cancellationToken,
            parameters);
        var steps = await session.QueryAsync(
            $"SELECT number, step, value FROM trial_intermediate_values {where}",
            r => (Number: Int32At(r, 0), Step: Int64At(r, 1), Value: r.IsDBNull(2) ? double.NaN : r.GetDouble(2)),
            cancellationToken,
            parameters);
        var userAttrs = await ReadTrialAttrsAsync(session, "trial_user_attrs", where, parameters, cancellationToken);
        var systemAttrs = await ReadTrialAttrsAsync(session, "trial_system_attrs", where, parameters, cancellationToken);

        // Trials of one study share few distinct distributions: parse each JSON text once.
        var distributions = new Dictionary<string, Tuning.Distributions.ParameterDistribution>(StringComparer.Ordinal);
        var paramsByNumber = paramRows.ToLookup(p => p.Number);
        var stepsByNumber = steps.ToLookup(s => s.Number);
        return
        [
            .. trials.Select(t =>
            {
                var ps = paramsByNumber[t.Number].ToList();
                var dists = new Dictionary<string, Tuning.Distributions.ParameterDistribution>(StringComparer.Ordinal);
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in ps)
                {
                    if (!distributions.TryGetValue(p.Json, out var distribution))
                    {
                        distribution = StudyDistributionJson.Read(p.Json);
                        distributions[p.Json] = distribution;
                    }

                    dists[p.Name] = distribution;
                    values[p.Name] = distribution.ToExternal(p.Value);
                }

                return new FrozenTrial(
                    t.Number,
                    t.State,
                    values,
                    dists,
                    t.Value,
                    stepsByNumber[t.Number].ToDictionary(s => s.Step, s => s.Value),
                    userAttrs[t.Number].ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
                    systemAttrs[t.Number].ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
                    t.ErrorMessage,
                    DateTimeOffset.FromUnixTimeMilliseconds(t.StartedAt),
                    t.CompletedAt is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null);
            }),
        ];
    }

    private static async Task<ILookup<int, (int Number, string Key, string Value)>> ReadTrialAttrsAsync(
        SqlSession session, string table, string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync(
            $"SELECT number, key, value FROM {table} {where}",
            r => (Number: Int32At(r, 0), Key: r.GetString(1), Value: r.GetString(2)),
            cancellationToken,
            parameters);
        return rows.ToLookup(a => a.Number);
    }

    private static long Int64At(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static int Int32At(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static string DirectionText(StudyDirection direction) => direction switch
    {
        StudyDirection.Minimize => "MINIMIZE",
        StudyDirection.Maximize => "MAXIMIZE",
        _ => throw GyreException.InvalidInput($"Invalid value '{direction}' for parameter 'direction'."),
    };

    private static StudyDirection ParseDirection(string text) => text == "MAXIMIZE" ? StudyDirection.Maximize : StudyDirection.Minimize;

    private static string StateText(TrialState state) => state.ToString().ToUpperInvariant();

    private static TrialState ParseState(string text) => Enum.Parse<TrialState>(text, ignoreCase: true);

    private sealed record TrialRow(int Number, TrialState State, double? Value, string? ErrorMessage, long StartedAt, long? CompletedAt);
}
