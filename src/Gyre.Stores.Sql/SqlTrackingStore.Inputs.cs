using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    private const string DatasetSourceType = "DATASET";
    private const string RunDestinationType = "RUN";

    /// <summary>MLflow's input tag naming the context a dataset was used in ("training", "eval"...), searchable as <c>dataset.context</c>.</summary>
    private const string DatasetContextTag = "mlflow.data.context";

    /// <summary>
    /// Records datasets as inputs of the run, in order. A dataset is stored once per experiment by (name,
    /// digest); linking it to the same run again is a no-op (the first link's tags are kept).
    /// </summary>
    public async Task LogInputsAsync(RunId runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateDatasetInputs(inputs);
        await WriteAsync(
            async session =>
            {
                var experimentKey = await RequireActiveRunAsync(session, runId, RowLock.Share, cancellationToken);
                foreach (var input in inputs)
                {
                    var datasetId = await GetOrCreateDatasetAsync(session, experimentKey, input, cancellationToken);
                    var inputId = Guid.NewGuid().ToString("N");
                    var linked = await session.ExecuteAsync(
                        """
                        INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id, position)
                        VALUES (@uuid, @sourceType, @dataset, @destinationType, @run,
                                (SELECT COUNT(*) FROM inputs WHERE destination_type = @destinationType AND destination_id = @run))
                        ON CONFLICT (source_type, source_id, destination_type, destination_id) DO NOTHING
                        """,
                        cancellationToken,
                        ("@uuid", inputId),
                        ("@sourceType", DatasetSourceType),
                        ("@dataset", datasetId),
                        ("@destinationType", RunDestinationType),
                        ("@run", runId.Value));
                    var tags = LastWins(input.Tags ?? []);
                    if (linked == 0 || tags.Count == 0)
                    {
                        continue;
                    }

                    await using var command = session.Command("");
                    var rows = new SqlRows(tags.Count).Add(tags.Select(t => t.Key).ToArray()).Add(tags.Select(t => t.Value).ToArray());
                    command.CommandText = $"""
                        WITH s (name, value) AS ({session.Dialect.RowSource(command, rows)})
                        INSERT INTO input_tags (input_uuid, name, value) SELECT @uuid, name, value FROM s
                        """;
                    SqlSession.AddParameter(command, "@uuid", inputId);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            },
            cancellationToken);
    }

    /// <summary>The id of the experiment's dataset with the input's name and digest, inserted when absent (race-safe).</summary>
    private static async Task<string> GetOrCreateDatasetAsync(SqlSession session, long experimentKey, DatasetInput input, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile)
            VALUES (@uuid, @experiment, @name, @digest, @sourceType, @source, @schema, @profile)
            ON CONFLICT (experiment_id, name, digest) DO NOTHING
            """,
            cancellationToken,
            ("@uuid", Guid.NewGuid().ToString("N")),
            ("@experiment", experimentKey),
            ("@name", input.Name),
            ("@digest", input.Digest),
            ("@sourceType", input.SourceType),
            ("@source", input.Source),
            ("@schema", input.Schema),
            ("@profile", input.Profile));
        return (string)(await session.ScalarAsync(
            "SELECT dataset_uuid FROM datasets WHERE experiment_id = @experiment AND name = @name AND digest = @digest",
            cancellationToken,
            ("@experiment", experimentKey),
            ("@name", input.Name),
            ("@digest", input.Digest)))!;
    }

    /// <summary>The dataset inputs of the runs in the list value <paramref name="runIds"/>, grouped by run, in logging order.</summary>
    private static async Task<Dictionary<string, List<DatasetInput>>> ReadInputsAsync(SqlSession session, object runIds, CancellationToken cancellationToken)
    {
        var inList = session.Dialect.InList("i.destination_id", "@ids");
        var tags = (await session.QueryAsync(
                $"""
                SELECT t.input_uuid, t.name, t.value FROM input_tags t JOIN inputs i ON i.input_uuid = t.input_uuid
                WHERE i.destination_type = @destinationType AND {inList}
                ORDER BY t.name
                """,
                r => (Input: r.GetString(0), Tag: new Tag(r.GetString(1), r.GetString(2))),
                cancellationToken,
                ("@destinationType", RunDestinationType),
                ("@ids", runIds)))
            .GroupBy(t => t.Input, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Tag).ToList(), StringComparer.Ordinal);
        return Grouped(await session.QueryAsync(
            $"""
            SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile
            FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
            WHERE i.source_type = @sourceType AND i.destination_type = @destinationType AND {inList}
            ORDER BY i.position
            """,
            r => (r.GetString(0), new DatasetInput(
                r.GetString(2),
                r.GetString(3),
                r.GetString(4),
                r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7),
                tags.TryGetValue(r.GetString(1), out var inputTags) ? inputTags : [])),
            cancellationToken,
            ("@sourceType", DatasetSourceType),
            ("@destinationType", RunDestinationType),
            ("@ids", runIds)));
    }
}
