using System.Globalization;
using System.Text;

namespace Pipeline.LocalBackends.Postgres;

/// <summary>The settings Pipeline appends to a cluster's <c>postgresql.conf</c>: loopback address, socket folder, port, TLS.</summary>
internal static class PostgresServerConfiguration
{
    public static void Append(string dataDirectory, EmbeddedPostgresSettings settings, string host, string socketDirectory, int port)
    {
        var configuration = new StringBuilder("\n# Pipeline embedded cluster\n");
        var values = new Dictionary<string, string>(settings.ServerSettings)
        {
            ["listen_addresses"] = host,
            ["unix_socket_directories"] = socketDirectory,
            ["port"] = port.ToString(CultureInfo.InvariantCulture),
        };
        if (settings.Tls)
        {
            values["ssl"] = "on";
            values["ssl_cert_file"] = PostgresServerCertificate.CertificateFileName;
            values["ssl_key_file"] = PostgresServerCertificate.KeyFileName;
        }
        foreach (var (key, value) in values)
            configuration.Append(key).Append(" = '").Append(value.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
        // Appending keeps the file's owner (postgres) and mode.
        File.AppendAllText(Path.Combine(dataDirectory, "postgresql.conf"), configuration.ToString());
    }
}
