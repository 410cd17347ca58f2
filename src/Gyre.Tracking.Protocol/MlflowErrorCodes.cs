using Gyre.Core;
using Gyre.Tracking.Protocol.Messages;

namespace Gyre.Tracking.Protocol;

/// <summary>
/// The one mapping between Gyre's <see cref="ErrorKind"/>, MLflow's <c>error_code</c> names and HTTP
/// statuses (MLflow's <c>mlflow/exceptions.py</c>). Validation errors are never 5xx: MLflow's clients
/// retry 5xx. Thread-safe (stateless).
/// </summary>
public static class MlflowErrorCodes
{
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string BadRequest = "BAD_REQUEST";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string EndpointNotFound = "ENDPOINT_NOT_FOUND";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string InvalidState = "INVALID_STATE";
    public const string DataLoss = "DATA_LOSS";
    public const string InternalError = "INTERNAL_ERROR";
    public const string NotImplemented = "NOT_IMPLEMENTED";

    /// <summary>
    /// The code the server answers for an error kind: InvalidInput and InvalidState → INVALID_PARAMETER_VALUE
    /// (MLflow answers 400 for writes to deleted runs), AlreadyExists → RESOURCE_ALREADY_EXISTS, NotFound →
    /// RESOURCE_DOES_NOT_EXIST, anything else → INTERNAL_ERROR.
    /// </summary>
    public static string FromKind(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput or ErrorKind.InvalidState => InvalidParameterValue,
        ErrorKind.AlreadyExists => ResourceAlreadyExists,
        ErrorKind.NotFound => ResourceDoesNotExist,
        _ => InternalError,
    };

    /// <summary>The HTTP status MLflow sends with <paramref name="errorCode"/>; 500 for codes it does not map.</summary>
    public static int HttpStatus(string? errorCode) => errorCode switch
    {
        InvalidParameterValue or BadRequest or ResourceAlreadyExists => 400,
        ResourceDoesNotExist or "NOT_FOUND" or EndpointNotFound => 404,
        "ALREADY_EXISTS" or "RESOURCE_CONFLICT" or "ABORTED" => 409,
        Unauthenticated or "CUSTOMER_UNAUTHORIZED" => 401,
        PermissionDenied => 403,
        "REQUEST_LIMIT_EXCEEDED" or "RESOURCE_EXHAUSTED" => 429,
        "CANCELLED" => 499,
        NotImplemented => 501,
        "TEMPORARILY_UNAVAILABLE" => 503,
        "DEADLINE_EXCEEDED" => 504,
        _ => 500,
    };

    /// <summary>
    /// The error kind a client reports for a server's <paramref name="errorCode"/>. Lossy where MLflow is:
    /// INVALID_PARAMETER_VALUE covers both InvalidInput and InvalidState, and authentication failures are InvalidInput.
    /// </summary>
    public static ErrorKind ToKind(string? errorCode) => errorCode switch
    {
        InvalidParameterValue or BadRequest or Unauthenticated or PermissionDenied or "CUSTOMER_UNAUTHORIZED" => ErrorKind.InvalidInput,
        ResourceAlreadyExists or "ALREADY_EXISTS" => ErrorKind.AlreadyExists,
        ResourceDoesNotExist or "NOT_FOUND" or EndpointNotFound => ErrorKind.NotFound,
        InvalidState or "RESOURCE_CONFLICT" => ErrorKind.InvalidState,
        DataLoss => ErrorKind.Corrupt,
        _ => ErrorKind.Internal,
    };

    /// <summary>The error body for a Gyre error (its message is written for users and carries no stack trace).</summary>
    public static ErrorResponse ToResponse(GyreException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ErrorResponse(FromKind(error.Kind), error.Message, error.Kind.ToString());
    }

    /// <summary>The exception a client raises for an error body (null or unreadable bodies give INTERNAL_ERROR with <paramref name="fallbackMessage"/>).</summary>
    /// <remarks>A Gyre server's <c>gyre_error_kind</c> wins over the kind derived from <c>error_code</c>.</remarks>
    public static GyreException ToException(ErrorResponse? response, string fallbackMessage)
    {
        var kind = Enum.TryParse<ErrorKind>(response?.GyreErrorKind, ignoreCase: false, out var exact) && Enum.IsDefined(exact)
            ? exact
            : ToKind(response?.ErrorCode);
        return new(kind, string.IsNullOrEmpty(response?.Message) ? fallbackMessage : response.Message);
    }
}
