using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gyre.Testing;

/// <summary>A real HTTP server on 127.0.0.1 (a free port) that answers with scripted responses, then 200, and records every request.</summary>
public sealed class LoopbackWebhookServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Task _loop;

    public LoopbackWebhookServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                Url = new Uri($"http://127.0.0.1:{port}/hook");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>Queues a response for the next request not yet answered.</summary>
    public void Respond(int status, string? retryAfter = null) => _script.Enqueue(new ScriptedResponse(status, retryAfter));

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with an exception when the listener stops; nothing to report.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys
                .Where(key => key is not null)
                .ToDictionary(key => key!, key => context.Request.Headers[key] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? string.Empty, headers, body));
            var response = _script.TryDequeue(out var scripted) ? scripted : new ScriptedResponse(200, null);
            context.Response.StatusCode = response.Status;
            if (response.RetryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = response.RetryAfter;
            }

            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }

    private sealed record ScriptedResponse(int Status, string? RetryAfter);
}

/// <summary>One request the server received.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
