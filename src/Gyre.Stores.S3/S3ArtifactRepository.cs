using System.Buffers;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Stores.S3;

/// <summary>
/// An artifact tree under an <c>s3://bucket/prefix</c> root in S3 or an S3-compatible store: the file
/// at path <c>p</c> is the object <c>prefix/p</c>, and folders are the '/'-delimited key prefixes (so a
/// folder exists only while it holds a file). A write is one PUT (files below the part size) or one
/// multipart upload completed at the end, both atomic: readers see the previous object or the whole new
/// one, and concurrent writers of one path end with one complete winner. Uploads stream: at most two
/// parts (8 MiB each, larger for very large seekable streams) are in memory at a time. Paths are checked by
/// <see cref="ArtifactPath"/>; S3 failures are <see cref="GyreException"/>s naming the bucket and key
/// (NotFound for a missing key or bucket). Thread-safe. Owns its S3 client; dispose to release it.
/// </summary>
public sealed partial class S3ArtifactRepository : IArtifactRepository, IDisposable
{
    private const string Scheme = "s3://";
    private const int MinPartSize = 8 * 1024 * 1024;
    private const int MaxParts = 10_000;
    private const int MaxPartSize = 1024 * 1024 * 1024;
    private const int DeleteBatchSize = 1000;

    private readonly IAmazonS3 client;

    private S3ArtifactRepository(IAmazonS3 client, string bucket, string prefix)
    {
        this.client = client;
        Bucket = bucket;
        Prefix = prefix;
        RootUri = prefix.Length == 0 ? $"{Scheme}{bucket}" : $"{Scheme}{bucket}/{prefix}";
    }

    /// <summary>The bucket name.</summary>
    public string Bucket { get; }

    /// <summary>The key prefix of the root without leading or trailing '/'; "" for the bucket's top.</summary>
    public string Prefix { get; }

    public string RootUri { get; }

    /// <summary>
    /// A repository for <paramref name="s3Uri"/> (<c>s3://BUCKET</c> or <c>s3://BUCKET/PREFIX</c>; a trailing '/'
    /// is ignored). No request is made until the first call. InvalidInput naming the URI when it is not of
    /// that form or its prefix is not a safe artifact path, and naming the setting when the settings are
    /// inconsistent (one key without the other, an endpoint that is not an absolute http(s) URL).
    /// </summary>
    public static S3ArtifactRepository Create(string s3Uri, S3ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (bucket, prefix) = ParseRoot(s3Uri);
        return new S3ArtifactRepository(CreateClient(settings), bucket, prefix);
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var relative = ArtifactPath.Normalize(path);
        if (relative.Length == 0)
        {
            throw GyreException.InvalidInput($"Invalid artifact path '{path}': a file path is required.");
        }

        var key = Key(relative);
        var partSize = PartSizeFor(content);
        var first = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var length = await FillAsync(content, first, partSize, cancellationToken);
            if (length < partSize)
            {
                await PutAsync(key, first, length, cancellationToken);
            }
            else
            {
                await UploadInPartsAsync(key, content, first, partSize, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
        }
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var relative = ArtifactPath.Normalize(path);
        var key = Key(relative);
        if (relative.Length == 0)
        {
            throw GyreException.NotFound($"Artifact '{path}' not found in {RootUri}: the root is a folder.");
        }

        var response = await S3Errors.CallAsync("read", Bucket, key, () =>
            client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, cancellationToken));
        return new S3ObjectStream(response);
    }

    public async Task<IReadOnlyList<ArtifactInfo>> ListAsync(string? path, CancellationToken cancellationToken)
    {
        var folder = ArtifactPath.Normalize(path);
        var listPrefix = FolderPrefix(folder);
        var items = new List<ArtifactInfo>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = listPrefix, Delimiter = "/" };
        ListObjectsV2Response response;
        do
        {
            response = await S3Errors.CallAsync("list", Bucket, listPrefix, () => client.ListObjectsV2Async(request, cancellationToken));
            foreach (var item in response.S3Objects ?? [])
            {
                var name = item.Key[listPrefix.Length..];
                if (name.Length > 0)
                {
                    items.Add(new ArtifactInfo(Join(folder, name), false, item.Size ?? 0));
                }
            }

            foreach (var commonPrefix in response.CommonPrefixes ?? [])
            {
                var name = commonPrefix[listPrefix.Length..].TrimEnd('/');
                if (name.Length > 0)
                {
                    items.Add(new ArtifactInfo(Join(folder, name), true, null));
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true && response.NextContinuationToken is not null);

        return [.. items.OrderBy(item => item.Path, StringComparer.Ordinal)];
    }

    /// <summary>Deletes the object at <paramref name="path"/> and every object under <c>path/</c>; "" deletes everything under the root.</summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var relative = ArtifactPath.Normalize(path);
        if (relative.Length > 0)
        {
            var key = Key(relative);
            await S3Errors.CallAsync("delete", Bucket, key, () =>
                client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken));
        }

        var folderPrefix = FolderPrefix(relative);
        while (true)
        {
            var listing = await S3Errors.CallAsync("list", Bucket, folderPrefix, () => client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = Bucket, Prefix = folderPrefix, MaxKeys = DeleteBatchSize },
                cancellationToken));
            var keys = (listing.S3Objects ?? []).Select(item => new KeyVersion { Key = item.Key }).ToList();
            if (keys.Count == 0)
            {
                return;
            }

            var deleted = await S3Errors.CallAsync("delete objects under", Bucket, folderPrefix, () => client.DeleteObjectsAsync(
                new DeleteObjectsRequest { BucketName = Bucket, Objects = keys, Quiet = true },
                cancellationToken));
            if (deleted.DeleteErrors is { Count: > 0 } errors)
            {
                var first = errors[0];
                throw new GyreException(ErrorKind.Internal, $"Could not delete s3://{Bucket}/{first.Key}: S3 answered {first.Code}: {first.Message} ({errors.Count} objects not deleted).");
            }
        }
    }

    public void Dispose() => client.Dispose();

    private async Task PutAsync(string key, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        await S3Errors.CallAsync("write", Bucket, key, () => client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = Bucket,
                Key = key,
                InputStream = body,
                AutoCloseStream = false,
                // Signed in one piece (the body is in memory): S3-compatible servers that do not
                // understand aws-chunked bodies store them correctly too.
                UseChunkEncoding = false,
            },
            cancellationToken));
    }

    /// <summary>A multipart upload whose first part is already in <paramref name="first"/>; the next part is read while the previous one uploads.</summary>
    private async Task UploadInPartsAsync(string key, Stream content, byte[] first, int partSize, CancellationToken cancellationToken)
    {
        var started = await S3Errors.CallAsync("start a multipart upload of", Bucket, key, () =>
            client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = key }, cancellationToken));
        var uploadId = started.UploadId;
        var second = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var parts = new List<UploadPartResponse>();
            var (current, next, length) = (first, second, partSize);
            for (var partNumber = 1; ; partNumber++)
            {
                if (partNumber > MaxParts)
                {
                    throw GyreException.InvalidInput($"Cannot write s3://{Bucket}/{key}: the content is larger than {MaxParts} parts of {partSize} bytes.");
                }

                var upload = UploadPartAsync(key, uploadId, partNumber, current, length, cancellationToken);
                var fill = FillAsync(content, next, partSize, cancellationToken);
                await Task.WhenAll(upload, fill);
                parts.Add(await upload);
                length = await fill;
                if (length == 0)
                {
                    break;
                }

                (current, next) = (next, current);
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = uploadId };
            complete.AddPartETagsAndChecksums(parts);
            await S3Errors.CallAsync("complete the multipart upload of", Bucket, key, () => client.CompleteMultipartUploadAsync(complete, cancellationToken));
        }
        catch
        {
            await AbortQuietlyAsync(key, uploadId);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(second);
        }
    }

    private async Task<UploadPartResponse> UploadPartAsync(string key, string uploadId, int partNumber, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        return await S3Errors.CallAsync($"upload part {partNumber} of", Bucket, key, () => client.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = Bucket,
                Key = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                PartSize = length,
                InputStream = body,
                UseChunkEncoding = false,
            },
            cancellationToken));
    }

    /// <summary>Best effort: an unfinished upload holds storage until aborted (or until a bucket lifecycle rule removes it).</summary>
    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception)
        {
            // The original failure is what the caller needs to see; a failed clean-up must not replace it.
        }
    }

    private string Key(string relative) =>
        Prefix.Length == 0 ? relative : relative.Length == 0 ? Prefix : $"{Prefix}/{relative}";

    /// <summary>The key prefix of everything inside folder <paramref name="relative"/>, ending in '/' (or "" for the bucket's top).</summary>
    private string FolderPrefix(string relative) => Key(relative) is { Length: > 0 } key ? key + "/" : "";

    private static string Join(string folder, string name) => folder.Length == 0 ? name : $"{folder}/{name}";

    /// <summary>Reads until <paramref name="count"/> bytes are in <paramref name="buffer"/> or the stream ends; the number read.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < count)
        {
            var read = await content.ReadAsync(buffer.AsMemory(total, count - total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>8 MiB, or more when a seekable stream is too long for 10,000 parts of that size.</summary>
    private static int PartSizeFor(Stream content)
    {
        if (!content.CanSeek)
        {
            return MinPartSize;
        }

        var remaining = Math.Max(0, content.Length - content.Position);
        return (int)Math.Clamp((remaining + MaxParts - 1) / MaxParts, MinPartSize, MaxPartSize);
    }

    private static (string Bucket, string Prefix) ParseRoot(string s3Uri)
    {
        GyreException Invalid(string reason) =>
            GyreException.InvalidInput($"Invalid S3 artifact root '{s3Uri}': {reason}; expected s3://BUCKET or s3://BUCKET/PREFIX.");

        if (string.IsNullOrWhiteSpace(s3Uri) || !s3Uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("it does not start with s3://");
        }

        if (s3Uri.IndexOfAny(['?', '#']) >= 0)
        {
            throw Invalid("queries and fragments are not allowed");
        }

        var rest = s3Uri[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        if (!BucketPattern().IsMatch(bucket))
        {
            throw Invalid($"'{bucket}' is not a valid bucket name");
        }

        var prefix = slash < 0 ? "" : rest[(slash + 1)..].TrimEnd('/');
        try
        {
            return (bucket, ArtifactPath.Normalize(prefix));
        }
        catch (GyreException error) when (error.Kind == ErrorKind.InvalidInput)
        {
            throw Invalid($"the prefix '{prefix}' is not a safe path ({error.Message})");
        }
    }

    private static AmazonS3Client CreateClient(S3ConnectionSettings settings)
    {
        if ((settings.AccessKey is null) != (settings.SecretKey is null))
        {
            throw GyreException.InvalidInput("S3 settings: AccessKey and SecretKey must be given together or not at all.");
        }

        var config = new AmazonS3Config { ForcePathStyle = settings.ForcePathStyle };
        if (settings.ServiceUrl is { } endpoint)
        {
            config.ServiceURL = S3ConnectionSettings.ParseEndpoint(endpoint.OriginalString, "The S3 service URL").AbsoluteUri;
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
            // S3-compatible servers often reject or mis-store the newer default request checksums
            // (aws-chunked trailers); send and check checksums only where the API requires them.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else if (settings.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        try
        {
            return settings.AccessKey is { } accessKey
                ? new AmazonS3Client(
                    settings.SessionToken is { } token
                        ? new SessionAWSCredentials(accessKey, settings.SecretKey, token)
                        : new BasicAWSCredentials(accessKey, settings.SecretKey),
                    config)
                : new AmazonS3Client(config);
        }
        catch (AmazonClientException error)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"Cannot configure the S3 client: {error.Message} (set AWS_REGION, or an endpoint such as MLFLOW_S3_ENDPOINT_URL).", error);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketPattern();
}
