using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;

namespace Gyre.Cli.Demo;

/// <summary>
/// Production traffic for `gyre demo`: batches of transactions (CSV lines with the label column) posted to the model
/// server's <c>/predict/ENDPOINT</c>, each followed by its ground truth posted to the feedback route, as a labelling
/// process would. Every scored row is kept with the version that scored it; a request that fails (transport error or
/// a status other than 200) is counted, never retried. Safe for concurrent senders.
/// </summary>
public sealed class DemoTraffic(HttpClient http, string endpoint, IReadOnlyList<SignatureColumn> inputs, IReadOnlyList<string> header, string label)
{
    private readonly int _labelIndex = IndexOf(header, label);
    private readonly int[] _inputIndexes = [.. inputs.Select(c => IndexOf(header, c.Name))];
    private int _requests;
    private int _failed;

    /// <summary>A row the server scored: the traffic phase, the model version that scored it, P(fraud), the truth and the CSV line.</summary>
    public sealed record ScoredRow(string Phase, string Version, double Probability, bool Label, string Line);

    public int Requests => _requests;

    public int Failed => _failed;

    public ConcurrentQueue<ScoredRow> Rows { get; } = new();

    /// <summary>The last error of a failed request, for the narration.</summary>
    public string? LastError { get; private set; }

    /// <summary>Posts <paramref name="lines"/> as one batch request, then their labels; returns the version that scored them (null on failure).</summary>
    public async Task<string?> SendAsync(string phase, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var fields = lines.Select(l => l.Split(',')).ToList();
        var body = new JsonArray([.. fields.Select(Features)]);
        Interlocked.Increment(ref _requests);
        try
        {
            using var response = await http.PostAsync($"predict/{endpoint}", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Fail($"POST /predict/{endpoint}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            var answer = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
            var version = (string)answer["model_version"]!;
            var requestId = (string)answer["request_id"]!;
            var predictions = answer["predictions"]!.AsArray();
            var feedback = new JsonArray();
            for (var i = 0; i < fields.Count; i++)
            {
                var truth = fields[i][_labelIndex];
                Rows.Enqueue(new ScoredRow(phase, version, (double)predictions[i]!["probability"]!, truth == "1", lines[i]));
                feedback.Add(new JsonObject { ["request_id"] = $"{requestId}/{i}", ["label"] = truth });
            }

            Interlocked.Increment(ref _requests);
            using var labelled = await http.PostAsync($"v2/models/{endpoint}/feedback", new StringContent(feedback.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
            return labelled.IsSuccessStatusCode
                ? version
                : Fail($"POST /v2/models/{endpoint}/feedback: {(int)labelled.StatusCode} {await labelled.Content.ReadAsStringAsync(cancellationToken)}");
        }
        catch (HttpRequestException error)
        {
            return Fail(error.Message);
        }
    }

    /// <summary>ROC AUC of the rows matching <paramref name="select"/>, or null when they hold one class only.</summary>
    public double? RocAuc(Func<ScoredRow, bool> select)
    {
        var rows = Rows.Where(select).ToList();
        return rows.Count == 0 || rows.All(r => r.Label) || rows.All(r => !r.Label)
            ? null
            : Gyre.Training.Evaluation.BinaryMetrics.Compute([.. rows.Select(r => r.Label)], [.. rows.Select(r => r.Probability)]).RocAuc;
    }

    private JsonObject Features(string[] row)
    {
        var json = new JsonObject();
        for (var i = 0; i < inputs.Count; i++)
        {
            var text = row[_inputIndexes[i]];
            json[inputs[i].Name] = inputs[i].Type switch
            {
                ColumnType.Numeric => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
                ColumnType.Boolean => JsonValue.Create(text is "1" or "true" or "True"),
                _ => JsonValue.Create(text),
            };
        }

        return json;
    }

    private string? Fail(string error)
    {
        Interlocked.Increment(ref _failed);
        LastError = error;
        return null;
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The traffic file has no column '{column}'.");
    }
}
