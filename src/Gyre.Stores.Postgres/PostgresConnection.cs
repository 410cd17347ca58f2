using System.Globalization;
using Gyre.Core;
using Npgsql;

namespace Gyre.Stores.Postgres;

/// <summary>
/// Reads the two ways a PostgreSQL database is named: MLflow's URI
/// (<c>postgresql://user:password@host:port/database?sslmode=require</c>, also <c>postgres://</c> and
/// SQLAlchemy's <c>postgresql+driver://</c>; user and password percent-encoded; libpq query parameters
/// such as sslmode, connect_timeout, application_name, host for a socket folder) or an Npgsql connection
/// string (<c>Host=...;Database=...</c>). Thread-safe (stateless).
/// </summary>
public static class PostgresConnection
{
    /// <summary>libpq URI query parameters and the Npgsql connection-string keys they set.</summary>
    private static readonly Dictionary<string, string> LibpqParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["keepalives_idle"] = "Keepalive",
    };

    /// <summary>Whether <paramref name="connection"/> is a PostgreSQL URI (postgresql://, postgres://, postgresql+driver://).</summary>
    public static bool IsUri(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || (connection.StartsWith("postgresql+", StringComparison.OrdinalIgnoreCase) && connection.Contains("://", StringComparison.Ordinal));
    }

    /// <summary>The Npgsql connection settings <paramref name="connection"/> names; InvalidInput (naming the part at fault) for a malformed one.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw GyreException.InvalidInput("The PostgreSQL connection is empty: give a postgresql://user:password@host:port/database URI or an Npgsql connection string.");
        }

        if (!IsUri(connection))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(connection);
            }
            catch (ArgumentException e)
            {
                throw GyreException.InvalidInput($"Invalid PostgreSQL connection string: {e.Message}");
            }
        }

        var builder = new NpgsqlConnectionStringBuilder();
        Uri uri;
        try
        {
            uri = new Uri("postgresql" + connection[connection.IndexOf("://", StringComparison.Ordinal)..]);
        }
        catch (UriFormatException e)
        {
            throw GyreException.InvalidInput($"Invalid PostgreSQL URI '{Redact(connection)}': {e.Message}");
        }

        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
            }
        }

        if (uri.Host.Length > 0)
        {
            builder.Host = uri.Host.Trim('[', ']');
        }

        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            SetParameter(builder, name, value, connection);
        }

        return builder;
    }

    /// <summary>"host:port/database" for messages (never the password).</summary>
    public static string Describe(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Create(CultureInfo.InvariantCulture, $"{settings.Host}:{settings.Port}/{settings.Database}");
    }

    private static void SetParameter(NpgsqlConnectionStringBuilder builder, string name, string value, string connection)
    {
        try
        {
            if (name.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
            }
            else
            {
                builder[LibpqParameters.GetValueOrDefault(name, name)] = value;
            }
        }
        catch (ArgumentException e)
        {
            throw GyreException.InvalidInput($"Invalid parameter '{name}' in the PostgreSQL URI '{Redact(connection)}': {e.Message}");
        }
        catch (FormatException e)
        {
            throw GyreException.InvalidInput($"Invalid value for parameter '{name}' in the PostgreSQL URI '{Redact(connection)}': {e.Message}");
        }
    }

    /// <summary>The URI with any password replaced by "***".</summary>
    private static string Redact(string connection)
    {
        var schemeEnd = connection.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = connection.IndexOf('@', schemeEnd);
        var colon = connection.IndexOf(':', schemeEnd);
        return at > 0 && colon > 0 && colon < at ? connection[..(colon + 1)] + "***" + connection[at..] : connection;
    }
}
