using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Server.Api;

/// <summary>MLflow's limits for the one-entity RPCs (log-metric, log-parameter, set-tag), with messages naming the request's own fields.</summary>
internal static class SingleValues
{
    /// <summary>A metric, param or tag key (see <see cref="TrackingValidation.ValidateKey"/>), named 'key'.</summary>
    public static void CheckKey(string key, string kind) => TrackingValidation.ValidateKey(key, kind, "key");

    /// <summary>InvalidInput "'field' exceeds the maximum length of N characters" when <paramref name="value"/> is longer.</summary>
    public static void CheckLength(string value, int maxLength, string field)
    {
        if (value.Length > maxLength)
        {
            throw GyreException.InvalidInput($"'{field}' exceeds the maximum length of {maxLength} characters");
        }
    }
}
