using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Amazon.S3;
using Gyre.Tracking.Tests;

[assembly: AssemblyFixture(typeof(Gyre.Stores.S3.Tests.S3TestServer))]

namespace Gyre.Stores.S3.Tests;

/// <summary>
/// One S3-compatible server (the npm package s3rver, run by <c>s3-server.js</c> beside this file) for the
/// whole test process: on 127.0.0.1 with a free port and a temporary data folder, with one bucket,
/// stopped and deleted at the end. Fails (never skips) with the fix to apply when Node.js or the package
/// is missing. Tests isolate themselves by using a fresh key prefix each.
/// </summary>
public sealed class S3TestServer : IAsyncLifetime
{
    public const string Bucket = "gyre-tests";

    // s3rver accepts requests signed with this fixed key pair.
    private const string AccessKey = "S3RVER";
    private const string SecretKey = "S3RVER";

    private readonly TemporaryFolder data = new();
    private readonly List<string> serverErrors = [];
    private Process? process;
    private Uri? endpoint;

    /// <summary>The server's base URL.</summary>
    public Uri Endpoint => endpoint ?? throw new InvalidOperationException("The server is started in InitializeAsync.");

    public S3ConnectionSettings Settings => new()
    {
        ServiceUrl = Endpoint,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        ForcePathStyle = true,
    };

    /// <summary>A repository under a fresh prefix of the test bucket (or <paramref name="prefix"/>).</summary>
    public S3ArtifactRepository CreateRepository(string? prefix = null) =>
        S3ArtifactRepository.Create($"s3://{Bucket}/{prefix ?? "t-" + Guid.NewGuid().ToString("N")}", Settings);

    /// <summary>A plain SDK client for looking at the bucket behind the repository's back.</summary>
    public AmazonS3Client CreateRawClient() => new(AccessKey, SecretKey, new AmazonS3Config
    {
        ServiceURL = Endpoint.AbsoluteUri,
        AuthenticationRegion = "us-east-1",
        ForcePathStyle = true,
        RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async ValueTask InitializeAsync()
    {
        var repositoryRoot = FindRepositoryRoot();
        var tools = Path.Combine(repositoryRoot, "tools", "node");
        var modules = Path.Combine(tools, "node_modules");
        if (!File.Exists(Path.Combine(modules, "s3rver", "package.json")))
        {
            throw new InvalidOperationException($"The S3 tests need the npm package s3rver in {modules}, which is missing: run `npm ci` in {tools}.");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // s3rver encrypts list continuation tokens with DES, which OpenSSL 3 only offers in its legacy provider.
        foreach (var argument in new[] { "--openssl-legacy-provider", Path.Combine(repositoryRoot, "tests", "Gyre.Stores.S3.Tests", "s3-server.js"), modules, data.Path, Bucket })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException($"The S3 tests need Node.js ('node' on PATH) to run s3rver: install it, then run `npm ci` in {tools}.", error);
        }

        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (serverErrors)
                {
                    serverErrors.Add(line.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        // A guard against a hung start, not a timed assertion: s3rver starts in well under a second.
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        startup.CancelAfter(TimeSpan.FromSeconds(60));
        var ready = await process.StandardOutput.ReadLineAsync(startup.Token);
        if (ready is null)
        {
            await process.WaitForExitAsync(startup.Token);
            throw new InvalidOperationException($"s3rver exited with code {process.ExitCode} before listening (run `npm ci` in {tools} if a module is missing): {ServerErrors()}");
        }

        var port = JsonDocument.Parse(ready).RootElement.GetProperty("port").GetInt32();
        endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            // Closing its standard input makes s3-server.js exit; kill only if it does not.
            process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }

        data.Dispose();
    }

    private string ServerErrors()
    {
        lock (serverErrors)
        {
            return string.Join(Environment.NewLine, serverErrors);
        }
    }

    /// <summary>The folder holding Gyre.slnx, found by walking up from the test's base directory.</summary>
    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gyre.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Gyre.slnx not found in {AppContext.BaseDirectory} or any folder above it.");
    }
}
