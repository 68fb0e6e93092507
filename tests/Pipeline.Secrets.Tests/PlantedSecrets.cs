using System.Text;

namespace Pipeline.Secrets.Tests;

/// <summary>
/// Fake secrets in the real formats, generated at run time so that this source file holds none (the
/// repository's own secret scan stays clean without baselining the tests).
/// </summary>
internal static class PlantedSecrets
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;

    public static string Random(string alphabet, int length, Random random)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++) builder.Append(alphabet[random.Next(alphabet.Length)]);
        return builder.ToString();
    }

    public static string GitHubToken(Random r) => "gh" + "p_" + Random(Alnum, 36, r);
    public static string AwsKeyId(Random r) => "AK" + "IA" + Random(Upper + "234567", 16, r);
    public static string AwsSecret(Random r) => Random(Alnum, 38, r) + "/+";
    public static string OpenAiProject(Random r) => "sk-" + "proj-" + Random(Alnum, 60, r);
    public static string OpenAiLegacy(Random r) => "sk-" + Random(Alnum, 20, r) + "T3Blbk" + "FJ" + Random(Alnum, 20, r);
    public static string SupabaseAccessToken(Random r) => "sb" + "p_" + Random(Lower + Digits, 40, r);
    public static string SupabaseSecretKey(Random r) => "sb_" + "secret_" + Random(Alnum, 32, r);
    public static string Slack(Random r) => "xo" + "xb-" + Random(Digits, 12, r) + "-" + Random(Digits, 12, r) + "-" + Random(Alnum, 24, r);
    public static string Stripe(Random r) => "sk" + "_live_" + Random(Alnum, 24, r);
    public static string Password(Random r) => Random(Alnum, 10, r) + "9x" + Random(Alnum, 6, r);

    public static string Jwt(string payloadJson)
    {
        static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Segment("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Segment(payloadJson) + "." + Segment("signature-bytes-0123456789");
    }

    public static string ServiceRoleJwt() => Jwt("{\"iss\":\"supabase\",\"ref\":\"abcdefghijklmnopqrst\",\"role\":\"service_role\",\"iat\":1700000000}");
    public static string AnonJwt() => Jwt("{\"iss\":\"supabase\",\"ref\":\"abcdefghijklmnopqrst\",\"role\":\"anon\",\"iat\":1700000000}");

    public static string PemBody(Random r) => string.Join('\n', Enumerable.Range(0, 6).Select(_ => Random(Alnum + "+/", 64, r)));
    public static string Pem(Random r, string newline = "\n") =>
        "-----BEGIN RSA " + "PRIVATE KEY-----" + newline + PemBody(r).Replace("\n", newline) + newline + "-----END RSA " + "PRIVATE KEY-----";
}
