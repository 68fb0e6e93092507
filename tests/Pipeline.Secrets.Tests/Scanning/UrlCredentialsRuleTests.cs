using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>The url-credentials rule: userinfo passwords in URLs of any scheme; templates and local defaults stay decoys.</summary>
public sealed class UrlCredentialsRuleTests
{
    private static readonly SecretScanner Scanner = SecretScanner.CreateDefault(redactor: new SecretRedactor());

    [Theory]
    [InlineData("http://apiuser:{0}@127.0.0.1:9/v1")]
    [InlineData("--base-url https://deploy:{0}@api.internal.corp/v2")]
    [InlineData("ftp://backup:{0}@files.corp.lan/dumps")]
    [InlineData("REDIS_URL=redis://:{0}@cache.internal:6379/0")]
    [InlineData("amqps://worker:{0}@mq.internal:5671/vhost")]
    [InlineData("\"mongodb+srv://app:{0}@cluster0.ab1cd.mongodb.net/prod\"")]
    [InlineData("DATABASE_URL=postgresql://app:{0}@db.internal.example:5432/app")]
    [InlineData("git clone https://ci-bot:{0}@git.corp.lan/team/repo.git")]
    public void Finds_the_password_of_any_scheme(string template)
    {
        var password = PlantedSecrets.Password(new Random(template.Length));
        var finding = Assert.Single(Scanner.ScanText("config.txt", string.Format(template, password)));
        Assert.Equal(("url-credentials", "Basic Auth Credentials"), (finding.RuleId, finding.DetectSecretsType));
        Assert.Equal(SecretScanner.Sha1Hex(password), finding.SecretHash);
        Assert.DoesNotContain(password, finding.Redacted);
    }

    [Theory]
    [InlineData("https://me@corp.com:S3cretPass99@staging.example.com/api", "S3cretPass99")]   // test value, pipeline:allow-secret
    [InlineData("https://user:p@ssword123@host", "p@ssword123")]   // test value, pipeline:allow-secret
    public void Finds_the_whole_password_when_the_userinfo_holds_an_unescaped_at_sign(string line, string password)
    {
        var finding = Assert.Single(Scanner.ScanText("config.txt", line));
        Assert.Equal("url-credentials", finding.RuleId);
        Assert.Equal(SecretScanner.Sha1Hex(password), finding.SecretHash);
        Assert.DoesNotContain(password, finding.Redacted);
    }

    [Theory]
    [InlineData("http://user:password@localhost:8080/")]
    [InlineData("https://user:pass@api.internal.corp/")]
    [InlineData("postgres://app:${PASSWORD}@db.internal/app")]
    [InlineData("amqp://guest:<password>@mq.internal/")]
    [InlineData("https://deploy:***@api.internal.corp/")]
    [InlineData("https://deploy:{password}@api.internal.corp/")]
    [InlineData("redis://default:%REDIS_PASSWORD%@cache.internal:6379")]
    [InlineData("http://localhost:5000/v1 and https://github.com/org/repo@main")]
    [InlineData("ssh://git@github.com/org/repo.git")]
    [InlineData("ssh://git@github.com:2222/org/repo.git")]
    [InlineData("https://me@corp.com:{password}@staging.example.com/api")]
    public void Placeholders_and_urls_without_a_password_are_decoys(string line) =>
        Assert.Empty(Scanner.ScanText("config.txt", line));

    [Fact]
    public void One_rule_covers_database_uris_too()
    {
        var ids = Scanner.Rules.Select(r => r.Id).ToList();
        Assert.Contains("url-credentials", ids);
        Assert.DoesNotContain("database-uri-password", ids);
    }
}
