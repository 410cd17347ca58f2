using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gyre.Cli.Commands.Monitor;
using Gyre.Core;
using Gyre.Monitoring.InferenceLog;
using Gyre.Pipelines.Registry;
using Gyre.Serving.Configuration;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Hosting;
using Gyre.Serving.InferenceLogging;
using Gyre.Serving.Models;
using Gyre.Serving.Security;
using Gyre.Tracking.Access;
using Gyre.Training.Scoring;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre serve`: the real-time model server (predict, Open Inference Protocol v2, MLflow invocations, metrics) until
/// Ctrl+C or SIGTERM. Models come from the workspace's registry (<c>--model NAME@ALIAS</c>, followed when the alias
/// moves), from package folders (<c>--package PATH --name NAME</c>), or from a <c>--config</c> file with canary and
/// shadow policies. Readiness turns on once every model is loaded; Ctrl+C turns it off and drains running requests.
/// </summary>
public static class ServeCommand
{
    /// <summary>How long running requests may take to finish after Ctrl+C.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    public static Command Create(CliEnvironment environment)
    {
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "A registered model to serve, NAME@ALIAS (followed when the alias moves) or NAME/VERSION; the endpoint is NAME. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var packages = new Option<string[]>("--package") { Description = "A model package folder to serve (its endpoint name from --name, in order, else the folder's name). Repeatable." };
        var names = new Option<string[]>("--name") { Description = "The endpoint name of each --package, in order." };
        var config = new Option<string?>("--config") { Description = "A serve configuration file (YAML) listing endpoints with canary, shadow, unknown-category and log-sampling policies." };
        var canaries = new Option<string[]>("--canary") { Description = "A canary for the endpoint of the same model name, NAME@ALIAS or NAME/VERSION. Repeatable." };
        var canaryWeight = new Option<double>("--canary-weight") { Description = "The share of requests each --canary answers (0-1).", DefaultValueFactory = _ => 0.1 };
        var shadows = new Option<string[]>("--shadow") { Description = "A shadow for the endpoint of the same model name: scores a copy of each request, logged, never returned. Repeatable." };
        var host = new Option<string>("--host") { Description = "The address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "The TCP port (0 = any free port).", DefaultValueFactory = _ => 8080 };
        var unknown = new Option<string>("--unknown-categories") { Description = "Categories never seen in training: reject (400) or map (scored as unknown).", DefaultValueFactory = _ => "reject" };
        unknown.AcceptOnlyFromAmong("reject", "map");
        var sampleRate = new Option<double>("--log-sample-rate")
        {
            Description = "The share of requests whose predictions are written to the inference log (0-1; chosen by a hash of the request id). " +
                "Default 0.1: logging every request of a busy server costs a large share of its throughput.",
            DefaultValueFactory = _ => 0.1,
        };
        var maxBytes = new Option<int>("--max-request-bytes") { Description = "Larger request bodies get 413.", DefaultValueFactory = _ => ModelServerOptions.DefaultMaxRequestBytes };
        var poll = new Option<double>("--poll-interval") { Description = "Seconds between checks of the registry for moved aliases.", DefaultValueFactory = _ => 2.0 };
        var drain = new Option<double>("--drain-delay") { Description = "Seconds readiness answers 503 before the listener stops on shutdown.", DefaultValueFactory = _ => 0.0 };
        var batchSize = new Option<int>("--max-batch-size") { Description = "Adaptive micro-batching: score up to this many concurrent single-row requests together (1 = off).", DefaultValueFactory = _ => 1 };
        var batchWait = new Option<double>("--max-batch-wait-ms") { Description = "The longest a row waits for its micro-batch, milliseconds.", DefaultValueFactory = _ => 1.0 };
        var auth = new Option<bool>("--auth") { Description = "Require an API token (Bearer, or Basic with the token as password) on every route but /v2/health; tokens as for 'gyre server' (gyre server token create)." };
        var monitorInterval = new Option<string?>("--monitor-interval")
        {
            Description = "Monitor every endpoint in the server every DURATION (e.g. 5m): its inference log over --monitor-window against its model's " +
                "training profile, published as Prometheus gauges on /metrics (drift, performance, fairness, staleness). Off by default.",
        };
        var monitorWindow = new Option<string>("--monitor-window") { Description = "The inference log window each monitoring evaluation reads (e.g. 1h).", DefaultValueFactory = _ => "1h" };
        var alertRules = new Option<string?>("--alert-rules") { Description = "Alert rules YAML evaluated after each monitoring evaluation (see docs/monitoring.md); needs --monitor-interval." };
        var json = new Option<bool>("--json") { Description = "Print the address and the served versions as one JSON line once ready." };
        var command = new Command(
            "serve",
            "Serve models over HTTP: POST /predict/NAME, the Open Inference Protocol v2 (/v2/models/NAME/infer), MLflow's /invocations, " +
            "Prometheus /metrics, /docs. Stops with Ctrl+C.")
        {
            models, packages, names, config, canaries, canaryWeight, shadows, host, port, unknown, sampleRate, maxBytes, poll, drain, batchSize, batchWait, auth,
            monitorInterval, monitorWindow, alertRules, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var policy = ServeConfigReader.ParsePolicy(parse.GetValue(unknown)!);
            var specs = new List<EndpointSpec>();
            if (parse.GetValue(config) is { } configPath)
            {
                specs.AddRange(await ServeConfigReader.ReadAsync(environment.ResolvePath(configPath), ct));
            }

            foreach (var reference in parse.GetValue(models) ?? [])
            {
                var locator = ModelLocator.Registered(reference);
                specs.Add(new EndpointSpec(locator.Reference!.Name, locator) { UnknownCategories = policy, LogSampleRate = parse.GetValue(sampleRate), MaxBatchSize = parse.GetValue(batchSize), MaxBatchWait = TimeSpan.FromMilliseconds(parse.GetValue(batchWait)) });
            }

            var endpointNames = parse.GetValue(names) ?? [];
            var packagePaths = parse.GetValue(packages) ?? [];
            if (endpointNames.Length > packagePaths.Length)
            {
                throw GyreException.InvalidInput($"--name is given {endpointNames.Length} times for {packagePaths.Length} --package.");
            }

            for (var i = 0; i < packagePaths.Length; i++)
            {
                var locator = ModelLocator.Package(environment.ResolvePath(packagePaths[i]));
                var name = i < endpointNames.Length ? endpointNames[i] : Path.GetFileName(locator.PackagePath!.TrimEnd(Path.DirectorySeparatorChar));
                specs.Add(new EndpointSpec(name, locator) { UnknownCategories = policy, LogSampleRate = parse.GetValue(sampleRate), MaxBatchSize = parse.GetValue(batchSize), MaxBatchWait = TimeSpan.FromMilliseconds(parse.GetValue(batchWait)) });
            }

            Attach(specs, parse.GetValue(canaries) ?? [], (spec, locator) => spec with { Canary = locator, CanaryWeight = parse.GetValue(canaryWeight) }, "--canary");
            Attach(specs, parse.GetValue(shadows) ?? [], (spec, locator) => spec with { Shadow = locator }, "--shadow");

            var workspace = await Workspace.OpenAsync(environment, ct);
            var usesRegistry = specs.Any(s => new[] { s.Primary, s.Canary, s.Shadow }.Any(l => l?.Reference is not null));
            var source = usesRegistry
                ? new ModelSource(workspace.Registry, new RegisteredModelLoader(workspace.Registry, workspace.Tracking, workspace.Artifacts, workspace.PackageCache))
                : ModelSource.PackagesOnly;
            // Predictions go to the workspace's inference log (when its store keeps one) through a bounded queue.
            var logStore = workspace.Tracking as IInferenceLogStore;
            var reportedFailures = 0;
            await using var writer = logStore is null ? null : new InferenceLogWriter(logStore, onFailure: failure =>
            {
                if (Interlocked.Increment(ref reportedFailures) <= 5)
                {
                    environment.Error.WriteLine($"gyre serve: inference log: {failure.Message}");
                }
            });
            var options = new ModelServerOptions
            {
                Endpoints = specs,
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                MaxRequestBytes = parse.GetValue(maxBytes),
                PollInterval = Seconds(parse.GetValue(poll), "--poll-interval"),
                DrainDelay = Seconds(parse.GetValue(drain), "--drain-delay", allowZero: true),
                FeedbackStore = logStore,
                InferenceLog = writer is null ? null : new WriterInferenceLogSink(writer),
                Log = environment.Error,
                Auth = parse.GetValue(auth)
                    ? new TrackingTokens(workspace.Tracking as IApiTokenStore
                        ?? throw GyreException.InvalidInput("--auth needs a workspace whose tracking store keeps API tokens (the local database or a Gyre database); this one does not."))
                    : null,
            };

            await using var monitoring = await ServeMonitoring.CreateAsync(
                environment, workspace, specs, parse.GetValue(monitorInterval), parse.GetValue(monitorWindow)!, parse.GetValue(alertRules), ct);
            await using var server = await ModelServer.StartAsync(options, source, ct);
            monitoring?.Start(server.Metrics.Monitoring, environment.Error, server.ServedVersion);
            await PrintReadyAsync(environment, server, parse.GetValue(json));
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: readiness off, drain, stop (below).
            }

            using (var grace = new CancellationTokenSource(ShutdownGrace))
            {
                await server.StopAsync(grace.Token);
            }

            if (!parse.GetValue(json))
            {
                await environment.Out.WriteLineAsync("Server stopped.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The tracking store's API tokens, as the model server checks them.</summary>
    private sealed class TrackingTokens(IApiTokenStore tokens) : IServingTokenValidator
    {
        public async Task<ServingToken?> FindAsync(string secret, CancellationToken cancellationToken) =>
            await tokens.FindTokenAsync(secret, cancellationToken) is { } token
                ? new ServingToken(token.Name, token.Role >= ApiTokenRole.Write, token.IsRevoked)
                : null;
    }

    private static void Attach(List<EndpointSpec> specs, string[] references, Func<EndpointSpec, ModelLocator, EndpointSpec> attach, string option)
    {
        foreach (var reference in references)
        {
            var locator = ModelLocator.Registered(reference);
            var index = specs.FindIndex(s => s.Name == locator.Reference!.Name);
            if (index < 0)
            {
                throw GyreException.InvalidInput($"{option} {reference}: no endpoint serves model '{locator.Reference!.Name}'; add --model {locator.Reference.Name}@ALIAS.");
            }

            specs[index] = attach(specs[index], locator);
        }
    }

    private static TimeSpan Seconds(double value, string option, bool allowZero = false) =>
        double.IsFinite(value) && (value > 0 || (allowZero && value == 0))
            ? TimeSpan.FromSeconds(value)
            : throw GyreException.InvalidInput($"Invalid value for {option}: {value.ToString(CultureInfo.InvariantCulture)} (seconds, {(allowZero ? ">= 0" : "> 0")}).");

    private static async Task PrintReadyAsync(CliEnvironment environment, ModelServer server, bool json)
    {
        if (json)
        {
            var endpoints = server.Endpoints.Select(e => e.Route!).Select(route => new Dictionary<string, object?>
            {
                ["name"] = route.Primary.Endpoint,
                ["model"] = route.Primary.ModelName,
                ["version"] = route.Primary.VersionText,
                ["reference"] = route.Primary.Reference,
                ["canary"] = route.Canary is { } canary ? new Dictionary<string, object?> { ["version"] = canary.VersionText, ["weight"] = route.CanaryWeight } : null,
                ["shadow"] = route.Shadow?.VersionText,
            });
#pragma warning disable CA1869 // One call per process.
            var line = JsonSerializer.Serialize(new Dictionary<string, object?> { ["address"] = server.Address.ToString(), ["endpoints"] = endpoints });
#pragma warning restore CA1869
            await environment.Out.WriteLineAsync(line);
        }
        else
        {
            await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Gyre model server listening on {server.Address}"));
            foreach (var endpoint in server.Endpoints)
            {
                var route = endpoint.Route!;
                var extras = (route.Canary is { } canary ? string.Create(CultureInfo.InvariantCulture, $", canary version {canary.VersionText} ({route.CanaryWeight:P0})") : "")
                    + (route.Shadow is { } shadow ? $", shadow version {shadow.VersionText}" : "");
                await environment.Out.WriteLineAsync($"  {endpoint.Name}: {route.Primary.Reference} = version {route.Primary.VersionText}{extras}  (POST {server.Address}predict/{endpoint.Name})");
            }

            await environment.Out.WriteLineAsync($"  docs: {server.Address}docs   metrics: {server.Address}metrics");
            await environment.Out.WriteLineAsync("Press Ctrl+C to stop.");
        }

        await environment.Out.FlushAsync(CancellationToken.None);
    }
}
