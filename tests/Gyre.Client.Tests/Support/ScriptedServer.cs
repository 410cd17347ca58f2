using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.Client.Tests.Support;

/// <summary>One request the scripted server received.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string? Authorization, string Body);

/// <summary>One answer the scripted server gives: status, body and its content type.</summary>
public sealed record ScriptedAnswer(int Status, string Body, string ContentType = "application/json");

/// <summary>
/// A small HTTP server on 127.0.0.1 (a free port) that answers each request with the next answer of its
/// script (the last one repeats) and records every request, to test what a client does with answers a
/// real server gives rarely (429, 502, 503, 504). Thread-safe.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedAnswer> script;
    private readonly ScriptedAnswer last;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    private ScriptedServer(IReadOnlyList<ScriptedAnswer> answers)
    {
        script = new ConcurrentQueue<ScriptedAnswer>(answers);
        last = answers[^1];
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        app = builder.Build();
        app.Run(AnswerAsync);
    }

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. received];

    public static async Task<ScriptedServer> StartAsync(params ScriptedAnswer[] answers)
    {
        var server = new ScriptedServer(answers);
        await server.app.StartAsync(TestContext.Current.CancellationToken);
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Authorization.FirstOrDefault(),
            body));
        var answer = script.TryDequeue(out var next) ? next : last;
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }
}
