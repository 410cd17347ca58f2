namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// A request naming one run by <c>run_id</c>, or by its deprecated alias <c>run_uuid</c> when
/// <c>run_id</c> is empty (MLflow falls back the same way; see <see cref="RequiredParameters.RunId"/>).
/// </summary>
public interface IRunRequest
{
    string? RunId { get; }

    string? RunUuid { get; }
}
