using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Perf.Load;

namespace Pipeline.Perf.Tests.Load;

public class TestJwtTests
{
    [Fact]
    public void A_minted_token_carries_the_role_and_expires_after_its_lifetime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));

        var token = TestJwt.Mint("super-secret-jwt-key-for-tests", "student", TimeSpan.FromMinutes(10), clock);

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(TestJwt.FromBase64Url(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        using var payload = JsonDocument.Parse(TestJwt.FromBase64Url(parts[1]));
        Assert.Equal("student", payload.RootElement.GetProperty("role").GetString());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds() + 600, payload.RootElement.GetProperty("exp").GetInt64());
        Assert.True(TestJwt.IsValid(token, "super-secret-jwt-key-for-tests", clock));
        Assert.False(TestJwt.IsValid(token, "another-secret", clock));
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(TestJwt.IsValid(token, "super-secret-jwt-key-for-tests", clock));
    }

    [Fact]
    public void The_signature_matches_an_independent_hs256_computation()
    {
        // Known vector: header and payload fixed, signature from HMAC-SHA256 over "header.payload".
        var token = TestJwt.Mint("k", "admin", TimeSpan.FromSeconds(1), new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var parts = token.Split('.');
        using var hmac = new System.Security.Cryptography.HMACSHA256("k"u8.ToArray());
        var expected = Convert.ToBase64String(hmac.ComputeHash(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, parts[2]);
        Assert.Equal("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", parts[0]);
    }
}
