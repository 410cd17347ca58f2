using System.Collections.Concurrent;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Hosting;

public sealed class HotSwapTests(ServingModels models)
{
    [Fact]
    public async Task AliasMovesTenTimesUnderLoad_NoFailedRequestAndVersionFollows()
    {
        var ct = TestContext.Current.CancellationToken;
        var package = await ModelPackage.LoadAsync(models.FraudA, ct);
        var body = Requests.Features(package.Manifest.Inputs, models.FraudRows[5]).ToJsonString();
        await using var server = await RunningServer.StartAsync(
            models, options => options with { PollInterval = TimeSpan.FromMilliseconds(50) }, RunningServer.Registered("swap", "swap@champion"));
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, json, _) = await server.PostAsync("predict/swap", body);
                if (status != 200)
                {
                    failures.Enqueue($"{status} {json?.ToJsonString()}");
                    continue;
                }

                var version = json!["model_version"]!.GetValue<string>();
                seen.AddOrUpdate(version, 1, (_, n) => n + 1);
            }
        }, ct)).ToList();

        try
        {
            for (var move = 1; move <= 10; move++)
            {
                var target = move % 2 == 1 ? 2 : 1;
                await models.Store.SetAliasAsync("swap", "champion", target, ServingModels.Actor, ct);
                var expected = target.ToString(System.Globalization.CultureInfo.InvariantCulture);
                while (server.Server.Endpoints[0].Route!.Primary.VersionText != expected)
                {
                    Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
                    await Task.Delay(20, ct);
                }

                // A request that starts after the swap is answered by the new version.
                var (_, answer, _) = await server.PostAsync("predict/swap", body);
                Assert.Equal(expected, answer!["model_version"]!.GetValue<string>());
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(clients);
            await models.Store.SetAliasAsync("swap", "champion", 1, ServingModels.Actor, CancellationToken.None);
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.True(seen.GetValueOrDefault("1") > 0 && seen.GetValueOrDefault("2") > 0, string.Join(", ", seen));
        var metrics = await server.MetricsAsync();
        Assert.True(metrics.Contains("gyre_model_swaps_total{endpoint=\"swap\",variant=\"primary\"} 10", StringComparison.Ordinal), string.Join("\n", metrics.Split('\n').Where(l => l.StartsWith("gyre_model", StringComparison.Ordinal))));
        Assert.Contains("gyre_model_swaps_total{endpoint=\"swap\",variant=\"primary\"} 10", metrics, StringComparison.Ordinal);

    }

    [Fact]
    public async Task AliasMovesToBrokenVersion_OldVersionKeepsServingAndFailureIsCounted()
    {
        var ct = TestContext.Current.CancellationToken;
        var registration = new Gyre.Pipelines.Registry.ModelRegistration(models.Store, models.Store, models.Artifacts);
        var name = "broken-" + Guid.NewGuid().ToString("N")[..8];
        await registration.RegisterPackageAsync(name, models.FraudA, new Gyre.Pipelines.Registry.RegistrationOptions(ServingModels.Actor), ct);
        using var copy = new Gyre.Testing.TemporaryFolder();
        foreach (var file in Directory.GetFiles(models.FraudB))
        {
            File.Copy(file, copy.Combine(Path.GetFileName(file)));
        }

        // A distinct manifest (trailing newline) makes a package of its own in the registry, so tampering with it harms no other test.
        await File.AppendAllTextAsync(copy.Combine(ModelPackage.ManifestFileName), "\n", ct);
        var second = await registration.RegisterPackageAsync(name, copy.Path, new Gyre.Pipelines.Registry.RegistrationOptions(ServingModels.Actor) { NoAlias = true }, ct);
        var version = await models.Store.GetModelVersionAsync(name, 2, ct);
        var location = await new Gyre.Pipelines.Registry.PackageLocations(models.Store, models.Artifacts).ResolveAsync(version.Source, ct);
        await File.AppendAllTextAsync(Path.Combine(location, "model.zip"), "tampered", ct);
        var package = await ModelPackage.LoadAsync(models.FraudA, ct);
        var body = Requests.Features(package.Manifest.Inputs, models.FraudRows[5]).ToJsonString();
        await using var server = await RunningServer.StartAsync(
            models, options => options with { PollInterval = TimeSpan.FromMilliseconds(50) }, RunningServer.Registered(name, name + "@champion"));

        await models.Store.SetAliasAsync(name, "champion", 2, ServingModels.Actor, ct);
        while (!(await server.MetricsAsync()).Contains($"gyre_model_load_failures_total{{endpoint=\"{name}\",variant=\"primary\"}} 1", StringComparison.Ordinal))
        {
            await Task.Delay(20, ct);
        }

        var (status, json, _) = await server.PostAsync($"predict/{name}", body);
        Assert.Equal(200, status);
        Assert.Equal("1", json!["model_version"]!.GetValue<string>());
        Assert.Contains("failed to load", server.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, second.Version.Version);
    }
}
