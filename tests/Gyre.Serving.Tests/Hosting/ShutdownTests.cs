using System.Collections.Concurrent;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Hosting;

public sealed class ShutdownTests(ServingModels models)
{
    [Fact]
    public async Task StopAsync_UnderLoad_ReadinessOffAndNoRequestFailsMidway()
    {
        var ct = TestContext.Current.CancellationToken;
        var package = await ModelPackage.LoadAsync(models.FraudA, ct);
        var body = Requests.Features(package.Manifest.Inputs, models.FraudRows[4]).ToJsonString();
        var server = await RunningServer.StartAsync(models, RunningServer.Registered("fraud", "fraud@champion"));
        var answered = 0;
        var bad = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (status, json, _) = await server.PostAsync("predict/fraud", body);
                    if (status == 200)
                    {
                        Interlocked.Increment(ref answered);
                    }
                    else if (status != 503)
                    {
                        bad.Enqueue($"{status} {json?.ToJsonString()}");
                    }
                }
                catch (HttpRequestException)
                {
                    // The listener is closed: new connections are refused, which is how a stopped server answers.
                }
            }
        }, ct)).ToList();
        while (Volatile.Read(ref answered) < 50)
        {
            await Task.Delay(10, ct);
        }

        await server.Server.StopAsync(ct);
        Assert.False(server.Server.IsReady);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        await server.DisposeAsync();

        Assert.True(bad.IsEmpty, string.Join("\n", bad.Take(5)));
    }

    [Fact]
    public async Task StartAsync_UnknownAlias_ThrowsNotFoundNamingIt()
    {
        var error = await Assert.ThrowsAsync<Core.GyreException>(() => RunningServer.StartAsync(models, RunningServer.Registered("fraud", "fraud@nope")));

        Assert.Equal(Core.ErrorKind.NotFound, error.Kind);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }
}
