using Gyre.Core;

namespace Gyre.Stores.S3;

/// <summary>
/// How to reach an S3 or S3-compatible object store (MinIO, Ceph, s3rver, ...). Every field is optional:
/// without <see cref="ServiceUrl"/> the client talks to AWS in <see cref="Region"/> (or the SDK's
/// default region chain); without <see cref="AccessKey"/>/<see cref="SecretKey"/> it uses the SDK's
/// default credential chain (environment, profile, instance role). Immutable value.
/// </summary>
public sealed record S3ConnectionSettings
{
    /// <summary>The endpoint of an S3-compatible server (absolute http or https URL); null for AWS.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>The region (e.g. <c>eu-west-1</c>); with <see cref="ServiceUrl"/> only used to sign requests (default <c>us-east-1</c>).</summary>
    public string? Region { get; init; }

    /// <summary>The access key id; given together with <see cref="SecretKey"/> or not at all.</summary>
    public string? AccessKey { get; init; }

    /// <summary>The secret access key; given together with <see cref="AccessKey"/> or not at all.</summary>
    public string? SecretKey { get; init; }

    /// <summary>The session token of temporary credentials, if any.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Addresses buckets as <c>endpoint/bucket/key</c> rather than <c>bucket.endpoint/key</c> (most S3-compatible servers need it).</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>
    /// Settings from environment variables, as MLflow and the AWS tools read them: the endpoint from
    /// <c>MLFLOW_S3_ENDPOINT_URL</c>, else <c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c> (path-style
    /// addressing when one is set); the region from <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>;
    /// credentials from <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and <c>AWS_SESSION_TOKEN</c>.
    /// Blank values count as unset. InvalidInput naming the variable when an endpoint is not an absolute
    /// http(s) URL or only one of the two keys is set.
    /// </summary>
    /// <param name="variable">Looks up an environment variable (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    public static S3ConnectionSettings FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Read(string name) => variable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        Uri? endpoint = null;
        foreach (var name in new[] { "MLFLOW_S3_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL" })
        {
            if (Read(name) is { } value)
            {
                endpoint = ParseEndpoint(value, name);
                break;
            }
        }

        var accessKey = Read("AWS_ACCESS_KEY_ID");
        var secretKey = Read("AWS_SECRET_ACCESS_KEY");
        if ((accessKey is null) != (secretKey is null))
        {
            var missing = accessKey is null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY";
            throw GyreException.InvalidInput($"Environment variable {missing} is not set, but is required together with {(accessKey is null ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID")}.");
        }

        return new S3ConnectionSettings
        {
            ServiceUrl = endpoint,
            Region = Read("AWS_REGION") ?? Read("AWS_DEFAULT_REGION"),
            AccessKey = accessKey,
            SecretKey = secretKey,
            SessionToken = Read("AWS_SESSION_TOKEN"),
            ForcePathStyle = endpoint is not null,
        };
    }

    /// <summary>An absolute http(s) endpoint URL; InvalidInput naming <paramref name="source"/> otherwise.</summary>
    internal static Uri ParseEndpoint(string value, string source) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw GyreException.InvalidInput($"{source} must be an absolute http:// or https:// URL, not '{value}'.");
}
