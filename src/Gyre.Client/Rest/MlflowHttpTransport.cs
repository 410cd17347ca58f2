using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gyre.Core;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;

namespace Gyre.Client.Rest;

/// <summary>
/// One keep-alive HTTP connection pool to a tracking server, speaking MLflow's JSON dialect
/// (<see cref="MlflowJson"/>): sends requests with the configured credentials, retries what
/// <see cref="RetryMode"/> allows with exponential backoff (honouring <c>Retry-After</c>), and turns error
/// answers into <see cref="GyreException"/> (MLflow's error JSON through <see cref="MlflowErrorCodes"/>;
/// other bodies by HTTP status, naming the URL). Thread-safe.
/// </summary>
internal sealed class MlflowHttpTransport : IDisposable
{
    /// <summary>The key in <see cref="Exception.Data"/> of an error answer's exception holding its HTTP status (an int).</summary>
    public const string HttpStatusKey = "Gyre.HttpStatus";

    private const string ApiPrefix = "api/2.0/mlflow/";
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly RestConnectionOptions options;

    public MlflowHttpTransport(Uri serverUri, RestConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(serverUri);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options.MaxRetries));
        if (serverUri.Scheme != Uri.UriSchemeHttp && serverUri.Scheme != Uri.UriSchemeHttps)
        {
            throw GyreException.InvalidInput($"Invalid tracking server URI '{serverUri}': it must be http:// or https://.");
        }

        ServerUri = new Uri(serverUri.AbsoluteUri.EndsWith('/') ? serverUri.AbsoluteUri : serverUri.AbsoluteUri + "/");
        this.options = options;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        };
        http = new HttpClient(handler, disposeHandler: true) { BaseAddress = ServerUri, Timeout = options.RequestTimeout };
        if (options.Credentials is { } credentials)
        {
            http.DefaultRequestHeaders.Authorization = credentials.AuthorizationHeader;
        }
    }

    /// <summary>The server's base URI, ending in '/'.</summary>
    public Uri ServerUri { get; }

    /// <summary>GET <c>api/2.0/mlflow/&lt;endpoint&gt;</c> with query parameters (null values left out); always retryable.</summary>
    public async Task<TResponse> GetAsync<TResponse>(string endpoint, IEnumerable<(string Name, string? Value)> query, CancellationToken cancellationToken)
        where TResponse : new()
    {
        var queryText = string.Join('&', query.Where(q => q.Value is not null).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}"));
        var path = ApiPrefix + endpoint + (queryText.Length == 0 ? "" : "?" + queryText);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<TResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST <c>api/2.0/mlflow/&lt;endpoint&gt;</c> with <paramref name="request"/> as the JSON body.</summary>
    public async Task<TResponse> PostAsync<TRequest, TResponse>(string endpoint, TRequest request, RetryMode retry, CancellationToken cancellationToken)
        where TResponse : new()
    {
        var body = MlflowJson.SerializeToUtf8Bytes(request);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, ApiPrefix + endpoint) { Content = JsonContent(body) },
            retry,
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync<TResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the request <paramref name="createRequest"/> builds (once per attempt) and returns a successful
    /// answer, read up to its headers; the caller disposes it. Throws <see cref="GyreException"/> for error answers.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, RetryMode retry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = createRequest();
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException error) when (attempt < options.MaxRetries && MayRetry(error, retry))
            {
                await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException error)
            {
                throw new GyreException(ErrorKind.Internal, $"Cannot reach the tracking server at {ServerUri} ({request.Method} {request.RequestUri}): {error.Message}", error);
            }
            catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout: the request may have been processed.
                if (attempt < options.MaxRetries && retry == RetryMode.Idempotent)
                {
                    await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new GyreException(
                    ErrorKind.Internal,
                    $"The tracking server at {ServerUri} did not answer {request.Method} {request.RequestUri} within {options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.",
                    error);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (attempt < options.MaxRetries && MayRetry(response.StatusCode, retry))
                {
                    var delay = Backoff(attempt, response.Headers.RetryAfter);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var error = await ErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
                error.Data[HttpStatusKey] = (int)response.StatusCode;
                throw error;
            }
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>A JSON request body.</summary>
    public static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>Reads a successful answer's JSON body (empty = no fields set).</summary>
    public static async Task<TResponse> ReadAsync<TResponse>(HttpResponseMessage response, CancellationToken cancellationToken)
        where TResponse : new()
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return MlflowJson.Deserialize<TResponse>(body);
        }
        catch (GyreException error)
        {
            throw new GyreException(
                ErrorKind.Internal,
                $"The tracking server's answer to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} is not the expected JSON: {error.Message}",
                error);
        }
    }

    private static bool MayRetry(HttpRequestException error, RetryMode retry) =>
        retry == RetryMode.Idempotent || error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    private static bool MayRetry(HttpStatusCode status, RetryMode retry) => status switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => true,
        HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => retry == RetryMode.Idempotent,
        _ => false,
    };

    /// <summary>Exponential backoff with jitter (half to all of the step), at most 10 s; the server's Retry-After when it asks for longer.</summary>
    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var step = options.InitialRetryDelay * Math.Pow(2, Math.Min(attempt, 16));
        var capped = step > MaxRetryDelay ? MaxRetryDelay : step;
#pragma warning disable CA5394 // Jitter spreads retries of many clients; it needs no cryptographic randomness.
        var delay = capped * (0.5 + (Random.Shared.NextDouble() / 2));
#pragma warning restore CA5394
        var asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return asked is { } wait && wait > delay ? (wait > MaxRetryDelay ? MaxRetryDelay : wait) : delay;
    }

    private async Task<GyreException> ErrorAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var where = $"{request.Method} {request.RequestUri}";
        ErrorResponse? error = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            try
            {
                error = JsonSerializer.Deserialize<ErrorResponse>(body, MlflowJson.Options);
            }
            catch (JsonException)
            {
                // Not MLflow's error JSON: reported by status below.
            }
        }

        var hint = status is 401 or 403
            ? $" Give credentials with {TrackingCredentials.GyreTokenVariable} (or MLflow's token or user/password variables)."
            : "";
        if (error is { ErrorCode.Length: > 0 })
        {
            var exception = MlflowErrorCodes.ToException(error, $"The tracking server answered {status} to {where}.");
            return hint.Length == 0 ? exception : new GyreException(exception.Kind, exception.Message + hint, exception);
        }

        var text = body.Length > 300 ? body[..300] + "..." : body;
        var kind = status is >= 400 and < 500 ? ErrorKind.InvalidInput : ErrorKind.Internal;
        return new GyreException(
            kind,
            $"The tracking server at {ServerUri} answered {status} {response.ReasonPhrase} to {where}" +
            (status == 404 ? " (is this a Gyre or MLflow tracking server?)" : "") +
            (text.Trim().Length == 0 ? "." : $": {text.Trim()}") + hint);
    }
}
