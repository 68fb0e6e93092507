using System.Globalization;
using Npgsql;
using Pipeline.Core.Redaction;

namespace Pipeline.Resilience.Postgres;

/// <summary>
/// Reads what users paste as a database address: a <c>postgres://user:pass@host:port/db?sslmode=require</c>
/// URI (Supabase's dashboard format) or an Npgsql connection string. The password is registered with the
/// redactor before anything can log it; error messages never quote the input.
/// </summary>
internal static class DatabaseUrl
{
    public static NpgsqlConnectionStringBuilder Parse(string value, SecretRedactor? redactor = null)
    {
        redactor ??= SecretRedactor.Global;
        if (string.IsNullOrWhiteSpace(value))
            throw new FormatException("The database URL is empty: give a postgres://user:password@host:5432/postgres URI or an Npgsql connection string.");
        value = value.Trim();
        var builder = value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? FromUri(value, redactor)
            : FromConnectionString(value);
        redactor.Register(builder.Password);
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new FormatException("The database URL names no host. Use postgres://user:password@host:5432/postgres or 'Host=...;Username=...;Password=...'.");
        return builder;
    }

    /// <summary>The address without the password, for logs and reports: <c>user@host:port/database</c>.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";

    private static NpgsqlConnectionStringBuilder FromUri(string value, SecretRedactor redactor)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException("The database URL looks like a postgres:// URI but cannot be read (a password with '@', '/' or '#' must be percent-encoded).");
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
                redactor.Register(builder.Password);
                redactor.Register(uri.UserInfo[(separator + 1)..]);
            }
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        builder.Database = database.Length > 0 ? database : "postgres";
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var setting = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            ApplyQueryParameter(builder, key, setting);
        }
        return builder;
    }

    // libpq's URI parameters that have an Npgsql equivalent; unknown ones are an error rather than silently ignored.
    private static void ApplyQueryParameter(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        switch (key.ToLowerInvariant())
        {
            case "sslmode":
                builder.SslMode = value.ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new FormatException($"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full."),
                };
                break;
            case "connect_timeout":
                builder.Timeout = int.Parse(value, CultureInfo.InvariantCulture);
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "options":
                builder.Options = value;
                break;
            case "pgbouncer":
                // Prisma's flag for a transaction pooler: no prepared statements.
                if (value.Equals("true", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 0;
                break;
            default:
                try
                {
                    builder[key] = value;
                }
                catch (ArgumentException)
                {
                    throw new FormatException($"The database URL has the parameter '{key}', which Npgsql does not know. Remove it or use a connection string.");
                }
                break;
        }
    }

    private static NpgsqlConnectionStringBuilder FromConnectionString(string value)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException exception)
        {
            // The exception text can quote the input, which may hold the password: name only the key at fault.
            var key = exception.ParamName is { Length: > 0 } name ? $" (key '{name}')" : "";
            throw new FormatException($"The database URL is neither a postgres:// URI nor a valid Npgsql connection string{key}. " +
                                      "Example: postgres://user:password@host:5432/postgres or Host=host;Username=user;Password=...;Database=postgres.");
        }
    }
}
