using Pipeline.Core.Redaction;

namespace Pipeline.Core.Tests;

public sealed class UrlCredentialsTests
{
    [Theory]
    [InlineData("http://apiuser:S3cretPw@127.0.0.1:9/v1", "http://apiuser:***@127.0.0.1:9/v1")]   // test value, pipeline:allow-secret
    [InlineData("https://ghp_token0123456789@github.com/org/repo", "https://***@github.com/org/repo")]
    [InlineData("Cannot reach postgres://u:pw@db/x and http://a:b@c", "Cannot reach postgres://u:***@db/x and http://a:***@c")]
    [InlineData("https://api.example.com/v1?x=1", "https://api.example.com/v1?x=1")]
    [InlineData("mail me: someone@example.com", "mail me: someone@example.com")]
    [InlineData("https://me@corp.com:S3cretPass99@staging.example.com/api", "https://me@corp.com:***@staging.example.com/api")]   // test value, pipeline:allow-secret
    [InlineData("https://user:p@ssword123@host", "https://user:***@host")]   // test value, pipeline:allow-secret
    [InlineData("https://tok@en@host/x?to=a@b", "https://***@host/x?to=a@b")]
    [InlineData("https://staging/?api_key=sk_live_abc123&page=2", "https://staging/?api_key=***&page=2")]   // test value, pipeline:allow-secret
    [InlineData("https://s3/b/o?X-Amz-Signature=0a1b2c&access_token=t0k3nv4lue#top", "https://s3/b/o?X-Amz-Signature=***&access_token=***#top")]   // test value, pipeline:allow-secret
    [InlineData("https://u:pw@h/?client_secret=abcdef", "https://u:***@h/?client_secret=***")]   // test value, pipeline:allow-secret
    [InlineData("https://h/?monkeys=3&q=token", "https://h/?monkeys=3&q=token")]
    public void Mask_hides_the_password_or_a_lone_user_name(string text, string masked) =>
        Assert.Equal(masked, UrlCredentials.Mask(text));

    [Fact]
    public void Registered_credentials_are_masked_even_when_short_and_even_apart_from_their_url()
    {
        var redactor = new SecretRedactor();
        UrlCredentials.Register(redactor, "http://u:pw@127.0.0.1:9");
        UrlCredentials.Register(redactor, "http://apiuser:S3cretPw@host/v1");   // test value, pipeline:allow-secret
        Assert.Equal("Cannot reach http://u:***@127.0.0.1:9/", redactor.Redact("Cannot reach http://u:pw@127.0.0.1:9/"));
        Assert.Equal("GET http://apiuser:***@host/v1/models", redactor.Redact("GET http://apiuser:S3cretPw@host/v1/models"));   // test value, pipeline:allow-secret
        Assert.DoesNotContain("S3cretPw", redactor.Redact("password was S3cretPw"));
    }

    [Fact]
    public void A_percent_escaped_password_is_masked_in_both_spellings()
    {
        var redactor = new SecretRedactor();
        UrlCredentials.Register(redactor, "http://user:p%40ss%2Fword@host");   // test value, pipeline:allow-secret
        Assert.DoesNotContain("p%40ss%2Fword", redactor.Redact("http://user:p%40ss%2Fword@host"));   // test value, pipeline:allow-secret
        Assert.DoesNotContain("p@ss/word", redactor.Redact("the password p@ss/word"));
    }

    [Theory]
    [InlineData("https://me@corp.com:S3cretPass99@staging.example.com/api", "S3cretPass99")]   // test value, pipeline:allow-secret
    [InlineData("https://user:p@ssword123@host", "p@ssword123")]   // test value, pipeline:allow-secret
    public void A_url_with_an_at_sign_in_its_userinfo_registers_the_whole_password(string url, string password)
    {
        var redactor = new SecretRedactor();
        UrlCredentials.Register(redactor, url);
        Assert.DoesNotContain(password, redactor.Redact($"'{url}' is not an absolute http(s) URL"));
        Assert.DoesNotContain(password, redactor.Redact($"the password {password}"));
    }

    [Fact]
    public void A_secret_query_value_is_registered_so_it_is_masked_apart_from_its_url()
    {
        var redactor = new SecretRedactor();
        UrlCredentials.Register(redactor, "https://staging/?api_key=sk_live_abc123&sig=ab");   // test value, pipeline:allow-secret
        Assert.Equal("GET https://staging/v1?api_key=***&sig=***", redactor.Redact("GET https://staging/v1?api_key=sk_live_abc123&sig=ab"));   // test value, pipeline:allow-secret
        Assert.DoesNotContain("sk_live_abc123", redactor.Redact("the key sk_live_abc123"));   // test value, pipeline:allow-secret
    }
}
