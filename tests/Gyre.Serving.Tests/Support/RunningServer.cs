using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Monitoring.InferenceLog;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Hosting;
using Gyre.Serving.InferenceLogging;
using Gyre.Serving.Models;

namespace Gyre.Serving.Tests.Support;

/// <summary>A <see cref="ModelServer"/> on 127.0.0.1 with a free port and an <see cref="HttpClient"/> pointed at it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(ModelServer server, StringWriter log)
    {
        Server = server;
        Log = log;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public ModelServer Server { get; }

    public HttpClient Client { get; }

    /// <summary>What the server reported (loads, swaps, internal errors).</summary>
    public StringWriter Log { get; }

    public static Task<RunningServer> StartAsync(ServingModels models, params EndpointSpec[] endpoints) =>
        StartAsync(models, options => options, endpoints);

    public static async Task<RunningServer> StartAsync(ServingModels models, Func<ModelServerOptions, ModelServerOptions> configure, params EndpointSpec[] endpoints)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(configure);
        var log = new StringWriter();
        var options = configure(new ModelServerOptions { Endpoints = endpoints, Host = "127.0.0.1", Port = 0, Log = TextWriter.Synchronized(log) });
        var server = await ModelServer.StartAsync(options, models.Source(), TestContext.Current.CancellationToken);
        return new RunningServer(server, log);
    }

    public static EndpointSpec Registered(string name, string reference) => new(name, ModelLocator.Registered(reference));

    public async Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> PostAsync(string path, string body, string? requestId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (requestId is not null)
        {
            request.Headers.Add("X-Request-Id", requestId);
        }

        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        return (Status(response), await ReadJsonAsync(response), response);
    }

    public async Task<(int Status, JsonNode? Json)> PostBytesAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync(path, content, TestContext.Current.CancellationToken);
        return (Status(response), await ReadJsonAsync(response));
    }

    public async Task<(int Status, JsonNode? Json)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        return (Status(response), await ReadJsonAsync(response));
    }

    public async Task<string> MetricsAsync() => await Client.GetStringAsync("metrics", TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    private static int Status(HttpResponseMessage response) => (int)response.StatusCode;

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}

/// <summary>An in-memory inference log: the sink keeps every record; the store keeps feedback.</summary>
public sealed class MemoryInferenceLog : IInferenceLogSink, IInferenceLogStore
{
    private readonly List<InferenceRecord> _records = [];
    private readonly List<InferenceFeedback> _feedback = [];

    public long QueueDepth => 0;

    public long Dropped => 0;

    public IReadOnlyList<InferenceRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>
    /// The record of <paramref name="requestId"/>, waiting for it up to 10 s: the server logs after the response is on
    /// its way (by contract), so a client can see the answer before the record exists.
    /// </summary>
    public async Task<InferenceRecord> WaitForAsync(string requestId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var matching = Records.Where(r => r.RequestId == requestId).ToList();
            if (matching.Count > 0)
            {
                return Assert.Single(matching);
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>The records once there are at least <paramref name="count"/>, waiting up to 10 s (see <see cref="WaitForAsync"/>).</summary>
    public async Task<IReadOnlyList<InferenceRecord>> WaitForCountAsync(int count, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (Records.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }

        return Records;
    }

    public IReadOnlyList<InferenceFeedback> Feedback
    {
        get
        {
            lock (_feedback)
            {
                return [.. _feedback];
            }
        }
    }

    public bool TryWrite(InferenceRecord record)
    {
        lock (_records)
        {
            _records.Add(record);
        }

        return true;
    }

    public Task AppendInferencesAsync(IReadOnlyList<InferenceRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            TryWrite(record);
        }

        return Task.CompletedTask;
    }

    public Task AppendFeedbackAsync(IReadOnlyList<InferenceFeedback> feedback, CancellationToken cancellationToken)
    {
        lock (_feedback)
        {
            _feedback.AddRange(feedback);
        }

        return Task.CompletedTask;
    }

    public Task<Core.Page<LoggedInference>> SearchInferencesAsync(InferenceQuery query, int maxResults, string? pageToken, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The tests read Records directly.");
}
