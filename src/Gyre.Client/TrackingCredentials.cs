using System.Net.Http.Headers;
using System.Text;

namespace Gyre.Client;

/// <summary>
/// How a client authenticates to a tracking server: a bearer token (Gyre API tokens, MLflow's
/// <c>MLFLOW_TRACKING_TOKEN</c>) or a user name and password (HTTP Basic, MLflow's basic-auth app).
/// <see cref="ToString"/> never shows the secret. Immutable and thread-safe.
/// </summary>
public sealed class TrackingCredentials
{
    public const string GyreTokenVariable = "GYRE_TRACKING_TOKEN";
    public const string MlflowTokenVariable = "MLFLOW_TRACKING_TOKEN";
    public const string MlflowUsernameVariable = "MLFLOW_TRACKING_USERNAME";
    public const string MlflowPasswordVariable = "MLFLOW_TRACKING_PASSWORD";

    private TrackingCredentials(AuthenticationHeaderValue header) => AuthorizationHeader = header;

    /// <summary>The value sent in every request's <c>Authorization</c> header.</summary>
    public AuthenticationHeaderValue AuthorizationHeader { get; }

    public static TrackingCredentials Bearer(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new TrackingCredentials(new AuthenticationHeaderValue("Bearer", token));
    }

    public static TrackingCredentials Basic(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        return new TrackingCredentials(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"))));
    }

    /// <summary>
    /// Credentials from environment variables, first found wins: <c>GYRE_TRACKING_TOKEN</c> (bearer),
    /// <c>MLFLOW_TRACKING_TOKEN</c> (bearer), <c>MLFLOW_TRACKING_USERNAME</c> with <c>MLFLOW_TRACKING_PASSWORD</c>
    /// (basic). Null when none is set. <paramref name="variable"/> returns a variable's value or null.
    /// </summary>
    public static TrackingCredentials? FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (NonEmpty(variable(GyreTokenVariable)) is { } gyreToken)
        {
            return Bearer(gyreToken);
        }

        if (NonEmpty(variable(MlflowTokenVariable)) is { } mlflowToken)
        {
            return Bearer(mlflowToken);
        }

        return NonEmpty(variable(MlflowUsernameVariable)) is { } username
            ? Basic(username, variable(MlflowPasswordVariable) ?? "")
            : null;
    }

    public override string ToString() => $"{AuthorizationHeader.Scheme} ***";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
