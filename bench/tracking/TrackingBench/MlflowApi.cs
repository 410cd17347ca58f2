using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TrackingBench;

/// <summary>The few MLflow REST calls the benchmark makes, over one keep-alive HttpClient. Non-200 throws with the body.</summary>
internal sealed class MlflowApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromMinutes(5),
    };

    public async Task<JsonNode> PostAsync(string route, JsonNode body)
    {
        using var response = await http.PostAsJsonAsync($"api/2.0/mlflow/{route}", body);
        return await ReadAsync(response, route);
    }

    public async Task<JsonNode> GetAsync(string routeWithQuery)
    {
        using var response = await http.GetAsync(new Uri($"api/2.0/mlflow/{routeWithQuery}", UriKind.Relative));
        return await ReadAsync(response, routeWithQuery);
    }

    public async Task<string> CreateExperimentAsync(string name)
    {
        var found = await http.GetAsync(new Uri($"api/2.0/mlflow/experiments/get-by-name?experiment_name={Uri.EscapeDataString(name)}", UriKind.Relative));
        if (found.IsSuccessStatusCode)
        {
            var existing = await ReadAsync(found, "experiments/get-by-name");
            return existing["experiment"]!["experiment_id"]!.GetValue<string>();
        }

        var created = await PostAsync("experiments/create", new JsonObject { ["name"] = name });
        return created["experiment_id"]!.GetValue<string>();
    }

    public async Task<string> CreateRunAsync(string experimentId, string name)
    {
        var created = await PostAsync("runs/create", new JsonObject
        {
            ["experiment_id"] = experimentId,
            ["run_name"] = name,
            ["start_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        });
        return created["run"]!["info"]!["run_id"]!.GetValue<string>();
    }

    public void Dispose() => http.Dispose();

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, string route)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{route} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? new JsonObject();
    }
}
