using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pipeline.LocalBackends.Postgres;

/// <summary>A self-signed certificate for localhost/127.0.0.1, so TLS paths can be tested without a CA.</summary>
internal static class PostgresServerCertificate
{
    public const string CertificateFileName = "server.crt";
    public const string KeyFileName = "server.key";

    /// <summary>Writes <c>server.crt</c> and <c>server.key</c> into the data folder and returns their paths.</summary>
    public static (string CertificatePath, string KeyPath) Write(string dataDirectory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var certificatePath = Path.Combine(dataDirectory, CertificateFileName);
        var keyPath = Path.Combine(dataDirectory, KeyFileName);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        // PostgreSQL refuses a key that others can read (and one its account does not own: the caller hands it over).
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (certificatePath, keyPath);
    }
}
