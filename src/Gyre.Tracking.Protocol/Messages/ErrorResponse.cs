namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// MLflow's error body, <c>{"error_code": "...", "message": "..."}</c>; see <see cref="MlflowErrorCodes"/>
/// for the codes and their HTTP statuses. <see cref="GyreErrorKind"/> (<c>gyre_error_kind</c>, an extra key
/// MLflow's clients ignore) carries Gyre's exact <see cref="Gyre.Core.ErrorKind"/> name where MLflow's code
/// is lossy (INVALID_PARAMETER_VALUE for both bad input and writes to deleted runs), so Gyre's own client
/// raises the same kind the store raised.
/// </summary>
public sealed record ErrorResponse(string ErrorCode, string Message, string? GyreErrorKind = null);
