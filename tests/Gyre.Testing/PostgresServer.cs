using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Gyre.Testing;

/// <summary>
/// A PostgreSQL server for tests, shared by the whole test process: started on first use from Debian's
/// binaries (<c>/usr/lib/postgresql/&lt;highest version&gt;/bin</c>, package <c>postgresql</c>) in a
/// temporary data folder, listening on 127.0.0.1 at a free port with durability off (fsync,
/// synchronous_commit, full_page_writes), and stopped (data folder deleted) when the process exits, or, after
/// a crash or kill, by a watchdog shell within about a second. As
/// root it runs as the <c>postgres</c> user through <c>runuser</c>. When the environment variable
/// <see cref="ServerVariable"/> holds an Npgsql connection string (a superuser's), that server is used
/// instead and nothing is started. Thread-safe.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>Names an existing server to use instead of starting one.</summary>
    public const string ServerVariable = "GYRE_TEST_POSTGRES";

    private const string BinariesRoot = "/usr/lib/postgresql";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process? process;
    private readonly string? rootFolder;
    private readonly string? binaries;

    private PostgresServer(string adminConnectionString, Process? process, string? rootFolder, string? binaries)
    {
        AdminConnectionString = adminConnectionString;
        this.process = process;
        this.rootFolder = rootFolder;
        this.binaries = binaries;
    }

    /// <summary>A superuser connection string to the server's <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The process-wide server, started on the first call. A failed start fails every call, with the same message.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates a fresh, empty database (<c>t_&lt;guid&gt;</c>) and returns an Npgsql connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database a connection string from <see cref="CreateDatabaseAsync"/> names, closing its remaining connections.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", cancellationToken);
    }

    private async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var existing = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            return new PostgresServer(existing, null, null, null);
        }

        var binaries = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), "gyre-postgres-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        var sockets = Path.Combine(root, "sockets");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(sockets);
        var asRoot = Environment.UserName == "root";
        Process? server = null;
        var log = new StringBuilder();
        try
        {
            if (asRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", root], asRoot: false);
            }

            await RunAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "--encoding=UTF8", "--locale=C"], asRoot);
            var port = FreePort();
            // A watchdog shell runs postgres, and stops it and deletes the folder once this process is gone,
            // however it ended (ProcessExit does not run after a crash or a kill).
            var watchdog = $"""
                "$@" &
                child=$!
                while kill -0 $child 2>/dev/null && [ -d /proc/{Environment.ProcessId} ]; do sleep 1; done
                if [ ! -d /proc/{Environment.ProcessId} ]; then kill -INT $child 2>/dev/null; wait $child; rm -rf '{root}'; fi
                wait $child
                """;
            server = Start(
                "/bin/sh",
                [
                    "-c", watchdog, "postgres-watchdog", Path.Combine(binaries, "postgres"),
                    "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", sockets,
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off", "-c", "max_connections=300",
                ],
                asRoot,
                log);
            var admin = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "postgres",
                Database = "postgres",
                Timeout = 5,
            }.ConnectionString;
            await WaitUntilReadyAsync(server, admin, log);
            var started = new PostgresServer(admin, server, root, binaries);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Stop();
            return started;
        }
        catch (Exception e)
        {
            if (server is not null)
            {
                Kill(server);
            }

            TryDelete(root);
            throw new InvalidOperationException($"Could not start a test PostgreSQL server from {binaries}: {e.Message}\nServer log:\n{Snapshot(log)}", e);
        }
    }

    /// <summary>The bin folder of the highest PostgreSQL version installed.</summary>
    private static string FindBinaries()
    {
        var candidates = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(folder => (Folder: folder, Version: decimal.TryParse(Path.GetFileName(folder), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Folder, "bin", "postgres")) && File.Exists(Path.Combine(c.Folder, "bin", "initdb")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? Path.Combine(candidates[0].Folder, "bin")
            : throw new InvalidOperationException(
                $"No PostgreSQL server binaries under {BinariesRoot}/*/bin: install the Debian package 'postgresql' " +
                $"(apt-get install postgresql), or set {ServerVariable} to the connection string of a server to use.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo StartInfo(string program, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var info = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                info.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Runs a program to completion; a non-zero exit throws with its output.</summary>
    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asRoot)
    {
        using var run = Process.Start(StartInfo(program, arguments, asRoot))
            ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with code {run.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static Process Start(string program, IReadOnlyList<string> arguments, bool asRoot, StringBuilder log)
    {
        var server = new Process { StartInfo = StartInfo(program, arguments, asRoot) };
        server.OutputDataReceived += (_, e) => Append(log, e.Data);
        server.ErrorDataReceived += (_, e) => Append(log, e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    private static async Task WaitUntilReadyAsync(Process server, string admin, StringBuilder log)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with code {server.ExitCode} before accepting connections.");
            }

            try
            {
                await using var connection = new NpgsqlConnection(admin + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(100);
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException($"postgres did not accept connections within {StartTimeout.TotalSeconds:0} s: {e.Message}\n{Snapshot(log)}", e);
            }
        }
    }

    /// <summary>Stops the server (immediate shutdown through pg_ctl, else killing its process tree) and deletes its folder.</summary>
    private void Stop()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            RunAsync(Path.Combine(binaries!, "pg_ctl"), ["stop", "-D", Path.Combine(rootFolder!, "data"), "-m", "immediate", "-w", "-t", "10"], Environment.UserName == "root")
                .GetAwaiter().GetResult();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Kill(process);
            }
        }
        catch (InvalidOperationException)
        {
            Kill(process);
        }
        finally
        {
            TryDelete(rootFolder!);
        }
    }

    private static void Kill(Process server)
    {
        try
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
