using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Errors;

namespace Pipeline.Perf.Load;

/// <summary>
/// Mints short-lived HS256 JWTs for load tests, like the story's generate_test_tokens.py: Supabase-style
/// claims (<c>sub</c>, <c>role</c>, <c>aud</c>, <c>iat</c>, <c>exp</c>) signed with the project's JWT secret.
/// </summary>
internal static class TestJwt
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(30);

    public static string Mint(string secret, string role, TimeSpan? lifetime = null, TimeProvider? clock = null, string subject = "pipeline-perf")
    {
        // The secret's value is never part of a message: blank is all there is to say about it.
        if (string.IsNullOrWhiteSpace(secret))
            throw new UserInputException("The JWT secret is blank; give the HS256 secret the API under test verifies its tokens with.")
                { Input = nameof(P95RunSettings.JwtSecret) };
        if (string.IsNullOrWhiteSpace(role))
            throw new UserInputException("The JWT role is blank; give the role claim the minted token carries (e.g. admin or student).")
                { Input = nameof(P95RunSettings.JwtRole) };
        var now = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["role"] = role,
            ["aud"] = "authenticated",
            ["iat"] = now,
            ["exp"] = now + (long)(lifetime ?? DefaultLifetime).TotalSeconds,
        }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>Checks signature and expiry; for tests and for servers that want to verify the minted tokens.</summary>
    public static bool IsValid(string token, string secret, TimeProvider? clock = null)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return false;
        var expected = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}")));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2]))) return false;
        using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
        return payload.RootElement.TryGetProperty("exp", out var exp)
               && exp.GetInt64() > (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
    }

    internal static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
