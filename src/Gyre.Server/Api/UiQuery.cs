using System.Globalization;
using Gyre.Core;
using Gyre.Tracking.Protocol;
using Microsoft.AspNetCore.Http;

namespace Gyre.Server.Api;

/// <summary>Reads the web UI routes' query parameters; errors are InvalidInput (400) naming the parameter.</summary>
internal static class UiQuery
{
    /// <summary>The non-empty value of <paramref name="name"/>; InvalidInput "Missing value for required parameter" otherwise.</summary>
    public static string Required(HttpContext context, string name) => RequiredParameters.NonEmpty(Optional(context, name), name);

    /// <summary>The value of <paramref name="name"/>, null when absent or empty.</summary>
    public static string? Optional(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The integer <paramref name="name"/> (default when absent), within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static int Integer(HttpContext context, string name, int defaultValue, int min, int max)
    {
        var text = Optional(context, name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw GyreException.InvalidInput($"Invalid value '{text}' for parameter '{name}': it must be an integer between {min} and {max}.");
        }

        return value;
    }
}
