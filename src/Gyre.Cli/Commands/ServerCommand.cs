using System.CommandLine;
using System.Globalization;
using Gyre.Server;
using Gyre.Tracking.Artifacts;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre server`: runs the MLflow-compatible tracking server until Ctrl+C or SIGTERM; `gyre server token ...`
/// manages its API tokens. Defaults: the workspace's database (.gyre/gyre.db) and artifact folder (.gyre/artifacts).
/// </summary>
public static class ServerCommand
{
    /// <summary>How long running requests may take to finish after Ctrl+C (the command line kills the process soon after).</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(1.5);

    public static Command Create(CliEnvironment environment)
    {
        var backend = BackendStoreUriOption();
        var artifacts = new Option<string?>("--artifacts-destination")
        {
            Description = "Where the artifact proxy keeps files: a local folder or s3://BUCKET/PREFIX (S3 endpoint and keys from " +
                "MLFLOW_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). Default: the workspace's artifacts folder.",
        };
        var host = new Option<string>("--host") { Description = "The address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "The TCP port (0 = any free port).", DefaultValueFactory = _ => 5000 };
        var auth = new Option<bool>("--auth") { Description = "Require an API token (Bearer, or Basic with the token as password) on every route but /health." };
        var pipelines = new Option<string[]>("--pipelines")
        {
            Description = "Also run the pipeline scheduler on these pipeline files or folders (as `gyre scheduler` does, on the workspace).",
            AllowMultipleArgumentsPerToken = true,
        };
        var schedulerInterval = new Option<string>("--scheduler-interval") { Description = "How often the scheduler polls triggers.", DefaultValueFactory = _ => "5s" };
        var command = new Command(
            "server",
            "Run the tracking server: the MLflow REST API 2.0 (tracking and artifact proxy), so MLflow clients and Gyre log to it " +
            "(e.g. MLFLOW_TRACKING_URI=http://127.0.0.1:5000). Stops with Ctrl+C.")
        {
            backend, artifacts, host, port, auth, pipelines, schedulerInterval,
        };
        command.Subcommands.Add(ServerTokenCommands.Create(environment));
        command.SetAction(async (parse, ct) =>
        {
            var options = new TrackingServerOptions
            {
                BackendStoreUri = ResolveBackendStoreUri(environment, parse.GetValue(backend)),
                ArtifactsDestination = ResolveArtifactsDestination(environment, parse.GetValue(artifacts)),
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                Auth = parse.GetValue(auth),
                EnvironmentVariable = environment.Variable,
                ErrorLog = environment.Error,
                AlertEventsPath = Path.Combine(Workspace.ResolveHome(environment), "events", "alerts.jsonl"),
            };
            await using var server = await TrackingServer.StartAsync(options, ct);
            await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Gyre tracking server listening on {server.Address}"));
            await environment.Out.WriteLineAsync($"  backend store: {Describe(options.BackendStoreUri)}");
            await environment.Out.WriteLineAsync($"  artifacts:     {server.Artifacts.RootUri}");
            if (options.Auth && server.Tokens is { } tokens && (await tokens.ListTokensAsync(ct)).All(t => t.IsRevoked))
            {
                await environment.Out.WriteLineAsync("  auth is on but there is no active API token: create one with 'gyre server token create --name NAME --role write'.");
            }

            var pipelinePaths = (parse.GetValue(pipelines) ?? []).Select(environment.ResolvePath).ToList();
            (Pipelines.Scheduling.PipelineScheduler Scheduler, Task Loop)? scheduler = pipelinePaths.Count == 0 ? null : await StartSchedulerAsync(environment, pipelinePaths, parse.GetValue(schedulerInterval)!, ct);
            await environment.Out.WriteLineAsync("Press Ctrl+C to stop.");
            await environment.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: shut down gracefully below.
            }

            if (scheduler is not null)
            {
                await scheduler.Value.Scheduler.DisposeAsync();
                await scheduler.Value.Loop.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            using (var grace = new CancellationTokenSource(ShutdownGrace))
            {
                await server.StopAsync(grace.Token);
            }

            await environment.Out.WriteLineAsync("Server stopped.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The --backend-store-uri option (default: the workspace's SQLite database).</summary>
    /// <summary>The scheduler loop of `--pipelines`, on the workspace; it ends when <paramref name="ct"/> is cancelled.</summary>
    private static async Task<(Pipelines.Scheduling.PipelineScheduler Scheduler, Task Loop)> StartSchedulerAsync(
        CliEnvironment environment, IReadOnlyList<string> paths, string interval, CancellationToken ct)
    {
        var every = Monitor.Durations.Parse(interval, "--scheduler-interval");
        var workspace = await Workspace.OpenAsync(environment, ct);
        var print = Scheduling.SchedulerHost.Printer(environment.Out, json: false);
        var scheduler = Scheduling.SchedulerHost.Create(environment, workspace, print);
        var loop = scheduler.RunAsync(
            Scheduling.SchedulerHost.Loader(paths, print),
            every, ct);
        await environment.Out.WriteLineAsync($"  scheduler:     {string.Join(", ", paths)} every {interval}");
        return (scheduler, loop);
    }

    internal static Option<string?> BackendStoreUriOption() => new("--backend-store-uri")
    {
        Description = "The tracking database: sqlite:///PATH (sqlite:////ABSOLUTE/PATH) or postgresql://USER:PASSWORD@HOST:PORT/DATABASE. " +
            "Default: the workspace's database (.gyre/gyre.db, or under GYRE_HOME).",
    };

    /// <summary>The backend URI with a relative SQLite path resolved against the working folder; the workspace's database when absent.</summary>
    internal static string ResolveBackendStoreUri(CliEnvironment environment, string? uri)
    {
        const string sqlite = "sqlite:///";
        if (string.IsNullOrWhiteSpace(uri))
        {
            return sqlite + Path.Combine(Workspace.ResolveHome(environment), "gyre.db");
        }

        if (uri.StartsWith(sqlite, StringComparison.OrdinalIgnoreCase) && uri.Length > sqlite.Length && !uri[sqlite.Length..].StartsWith('/'))
        {
            return sqlite + environment.ResolvePath(uri[sqlite.Length..]);
        }

        return uri;
    }

    private static string ResolveArtifactsDestination(CliEnvironment environment, string? destination) =>
        string.IsNullOrWhiteSpace(destination) ? Path.Combine(Workspace.ResolveHome(environment), "artifacts")
        : ArtifactUris.IsUri(destination) ? destination
        : environment.ResolvePath(destination);

    /// <summary>The URI without its password, for display.</summary>
    private static string Describe(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.Contains(':', StringComparison.Ordinal)
            ? uri.Replace(parsed.UserInfo, parsed.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal)
            : uri;
}
