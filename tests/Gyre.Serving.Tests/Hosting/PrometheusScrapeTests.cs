using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Gyre.Serving.Tests.Support;
using Gyre.Testing;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Hosting;

/// <summary>A real Prometheus (Debian's <c>prometheus</c> package) scrapes the server; its query API sees the request count.</summary>
public sealed class PrometheusScrapeTests(ServingModels models)
{
    private const string PrometheusPath = "/usr/bin/prometheus";

    [Fact]
    public async Task Prometheus_ScrapesServer_QueryReturnsRequestCount()
    {
        Assert.SkipUnless(File.Exists(PrometheusPath), $"{PrometheusPath} is not installed (apt-get install prometheus).");
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(models, RunningServer.Registered("fraud", "fraud@champion"));
        var package = await ModelPackage.LoadAsync(models.FraudA, ct);
        var body = Requests.Features(package.Manifest.Inputs, models.FraudRows[0]).ToJsonString();
        const int requests = 7;
        for (var i = 0; i < requests; i++)
        {
            var (status, _, _) = await server.PostAsync("predict/fraud", body);
            Assert.Equal(200, status);
        }

        using var folder = new TemporaryFolder();
        var port = FreePort();
        var config = folder.Combine("prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: gyre
                static_configs:
                  - targets: ["{server.Server.Address.Authority}"]
            """, ct);
        using var prometheus = Process.Start(new ProcessStartInfo(PrometheusPath)
        {
            ArgumentList = { $"--config.file={config}", $"--storage.tsdb.path={folder.Combine("data")}", $"--web.listen-address=127.0.0.1:{port}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var query = Uri.EscapeDataString("gyre_inference_requests_total{endpoint=\"fraud\",protocol=\"predict\",status=\"200\"}");
            double? value = null;
            while (value is null)
            {
                Assert.False(prometheus.HasExited, "prometheus exited");
                await Task.Delay(250, ct);
                try
                {
                    var answer = JsonNode.Parse(await client.GetStringAsync($"api/v1/query?query={query}", ct))!;
                    var result = answer["data"]?["result"]?.AsArray();
                    if (result is { Count: > 0 })
                    {
                        value = double.Parse(result[0]!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                catch (HttpRequestException)
                {
                    // Prometheus is still starting.
                }
            }

            Assert.Equal(requests, value);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
