using Gyre.Core;
using Gyre.Tracking.Protocol.Messages;

namespace Gyre.Tracking.Protocol;

/// <summary>
/// MLflow's check of required request fields: an absent or empty value is InvalidInput "Missing value
/// for required parameter 'X'. ..." (400 INVALID_PARAMETER_VALUE). Thread-safe (stateless).
/// </summary>
public static class RequiredParameters
{
    /// <summary><paramref name="value"/> when it is non-empty.</summary>
    public static string NonEmpty(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw Missing(field) : value;

    /// <summary><paramref name="value"/> when it is present.</summary>
    public static T Value<T>(T? value, string field)
        where T : struct =>
        value ?? throw Missing(field);

    /// <summary>The request's <c>run_id</c>, else its deprecated alias <c>run_uuid</c>; missing 'run_id' when both are empty.</summary>
    public static RunId RunId(IRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = !string.IsNullOrEmpty(request.RunId) ? request.RunId : request.RunUuid;
        return new RunId(NonEmpty(id, "run_id"));
    }

    /// <summary>The error for an absent required field.</summary>
    public static GyreException Missing(string field) =>
        GyreException.InvalidInput($"Missing value for required parameter '{field}'. See the API docs for more information about request parameters.");
}
