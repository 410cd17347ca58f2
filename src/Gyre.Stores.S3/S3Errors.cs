using System.Net;
using Amazon.Runtime;
using Gyre.Core;

namespace Gyre.Stores.S3;

/// <summary>Turns AWS SDK failures into <see cref="GyreException"/>s naming the bucket and key. Thread-safe (stateless).</summary>
internal static class S3Errors
{
    /// <summary>
    /// Runs <paramref name="call"/>, translating SDK and transport failures: a missing key is NotFound, a
    /// missing bucket NotFound naming the bucket, refused credentials or access InvalidInput (a
    /// configuration the user can fix), anything else Internal. Cancellation passes through.
    /// </summary>
    public static async Task<T> CallAsync<T>(string action, string bucket, string key, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException error)
        {
            throw Translate(action, bucket, key, error);
        }
        catch (Exception error) when (error is AmazonClientException or HttpRequestException or IOException)
        {
            throw new GyreException(ErrorKind.Internal, $"Could not {action} s3://{bucket}/{key}: {error.Message}", error);
        }
    }

    private static GyreException Translate(string action, string bucket, string key, AmazonServiceException error)
    {
        var location = $"s3://{bucket}/{key}";
        return error.ErrorCode switch
        {
            "NoSuchBucket" => new GyreException(ErrorKind.NotFound, $"Could not {action} {location}: S3 bucket '{bucket}' does not exist.", error),
            "NoSuchKey" or "NotFound" => new GyreException(ErrorKind.NotFound, $"Could not {action} {location}: no such object.", error),
            "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" =>
                new GyreException(ErrorKind.InvalidInput, $"Could not {action} {location}: access refused ({error.ErrorCode}: {error.Message}); check the S3 credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and permissions.", error),
            _ when error.StatusCode == HttpStatusCode.NotFound => new GyreException(ErrorKind.NotFound, $"Could not {action} {location}: not found ({error.ErrorCode}).", error),
            _ => new GyreException(ErrorKind.Internal, $"Could not {action} {location}: S3 answered {(int)error.StatusCode} {error.ErrorCode}: {error.Message}", error),
        };
    }
}
