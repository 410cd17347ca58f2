using System.Runtime.ExceptionServices;
using System.Net.Http.Headers;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;

namespace Gyre.Client.Rest;

/// <summary>
/// The artifact tree a Gyre or MLflow tracking server serves through its artifact proxy
/// (<c>/api/2.0/mlflow-artifacts/artifacts/&lt;path&gt;</c>): streamed PUT uploads and GET downloads,
/// listing with <c>?path=</c>, DELETE. The root URI is <c>mlflow-artifacts:</c>, so runs' artifact URIs are
/// <c>mlflow-artifacts:/&lt;experiment&gt;/&lt;run&gt;/artifacts</c> as MLflow's. Paths are checked with
/// <see cref="ArtifactPath"/> before anything is sent. Uploads are retried (as idempotent writes) only
/// when the content stream can seek back. Thread-safe. Made by <see cref="RestTrackingStore.CreateArtifactRepository"/>
/// and valid while that store is.
/// </summary>
public sealed class HttpArtifactRepository : IArtifactRepository
{
    private const string ProxyPath = "api/2.0/mlflow-artifacts/artifacts";
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    private readonly MlflowHttpTransport transport;

    internal HttpArtifactRepository(MlflowHttpTransport transport) => this.transport = transport;

    public string RootUri => "mlflow-artifacts:";

    /// <summary>
    /// Uploads <paramref name="content"/> in one streamed PUT. An exception thrown by <paramref name="content"/>
    /// itself is rethrown as is (the server discards the partial upload).
    /// </summary>
    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var url = FileUrl(path);
        var start = content.CanSeek ? content.Position : 0;
        NonClosingStream? source = null;
        try
        {
            using var response = await transport.SendAsync(
                () =>
                {
                    if (source is not null)
                    {
                        ThrowSourceError(source);
                        content.Position = start;
                    }

                    source = new NonClosingStream(content);
                    var body = new StreamContent(source);
                    body.Headers.ContentType = OctetStream;
                    return new HttpRequestMessage(HttpMethod.Put, url) { Content = body };
                },
                content.CanSeek ? RetryMode.Idempotent : RetryMode.NotIdempotent,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (source?.SourceError is not null)
        {
            ThrowSourceError(source);
            throw;
        }
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var url = FileUrl(path);
        HttpResponseMessage response;
        try
        {
            response = await transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (GyreException error) when (error.Data[MlflowHttpTransport.HttpStatusKey] is 404)
        {
            throw new GyreException(ErrorKind.NotFound, $"Artifact '{path}' not found on {transport.ServerUri}.", error);
        }

        // Disposing the content stream releases the connection; the response holds nothing else.
        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ArtifactInfo>> ListAsync(string? path, CancellationToken cancellationToken)
    {
        var folder = ArtifactPath.Normalize(path);
        var url = folder.Length == 0 ? ProxyPath : $"{ProxyPath}?path={Uri.EscapeDataString(folder)}";
        using var response = await transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        var listing = await MlflowHttpTransport.ReadAsync<ListProxiedArtifactsResponse>(response, cancellationToken).ConfigureAwait(false);

        // The proxy answers base names; the repository contract wants paths from the root.
        return [.. (listing.Files ?? [])
            .Select(file => file.ToArtifactInfo())
            .Select(info => info with { Path = ArtifactPath.Combine(folder, info.Path[(info.Path.LastIndexOf('/') + 1)..]) })
            .OrderBy(info => info.Path, StringComparer.Ordinal)];
    }

    /// <summary>Deletes a file or folder; "" deletes every child of the root (the proxy has no root deletion).</summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        if (ArtifactPath.Normalize(path).Length == 0)
        {
            foreach (var child in await ListAsync(null, cancellationToken).ConfigureAwait(false))
            {
                await DeleteAsync(child.Path, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var url = FileUrl(path);
        try
        {
            using var response = await transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, url), RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound || error.Data[MlflowHttpTransport.HttpStatusKey] is 404)
        {
            // Absent is the outcome asked for.
        }
    }

    private static void ThrowSourceError(NonClosingStream source)
    {
        if (source.SourceError is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>The proxy URL of a file or folder; the path is checked first and each part escaped.</summary>
    private static string FileUrl(string path)
    {
        var parts = ArtifactPath.Split(path);
        return parts.Count == 0 ? ProxyPath : $"{ProxyPath}/{string.Join('/', parts.Select(Uri.EscapeDataString))}";
    }
}
