using System.Buffers.Text;
using System.Text.Json;

namespace Pipeline.Secrets.Rules;

/// <summary>
/// Reads the header and payload of a JSON Web Token without verifying it: the scanner only needs to know
/// that a string really is a JWT, and whether its payload grants Supabase's <c>service_role</c> (whatever the
/// signing algorithm, since trufflehog skips HS256 tokens, which is exactly what Supabase issues).
/// </summary>
internal static class JwtClaims
{
    /// <summary>True when the first two segments are base64url JSON objects and the header names an algorithm.</summary>
    public static bool IsJwt(string token) =>
        TryReadSegment(token, 0, out var header) && header.TryGetProperty("alg", out _) && TryReadSegment(token, 1, out _);

    /// <summary>True when the token is a JWT whose payload says <c>"role": "service_role"</c>.</summary>
    public static bool IsSupabaseServiceRole(string token) =>
        IsJwt(token) && TryReadSegment(token, 1, out var payload) &&
        payload.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String &&
        role.GetString() == "service_role";

    private static bool TryReadSegment(string token, int index, out JsonElement element)
    {
        element = default;
        var parts = token.Split('.');
        if (parts.Length < 3 || parts[index].Length == 0) return false;
        try
        {
            var bytes = Base64Url.DecodeFromChars(parts[index]);
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return false;
            element = document.RootElement.Clone();
            return true;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return false;
        }
    }
}
